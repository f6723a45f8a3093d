import type { CreateStaffBody } from "@contract/staff";
import type { Ctx } from "@server/context";
import { withTransaction } from "@server/db/transaction";
import type { StaffWithProperties } from "./list-staff";
import { resetStaffPassword } from "./reset-staff-password";
import { saveStaff } from "./save-staff";

/**
 * A new staff member (saveStaff's rules) who can sign in at once with a temporary password, returned
 * once, that they must change at their first sign-in.
 */
export async function createStaff(
  ctx: Ctx,
  values: CreateStaffBody,
): Promise<{ staff: StaffWithProperties; temporaryPassword: string }> {
  return withTransaction(ctx, async (tx) => {
    const staff = await saveStaff(tx, { values });
    const { temporaryPassword } = await resetStaffPassword(tx, { staffUserId: staff.id });
    return { staff, temporaryPassword };
  });
}
