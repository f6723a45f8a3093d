import type { Ctx } from "@server/context";
import { AppError, notFound } from "@server/errors";
import { listStaff, type StaffWithProperties } from "./list-staff";

/**
 * A staff member the actor may manage: any for admins; for managers, a non-admin member of one of
 * their properties. NOT_FOUND when not visible, FORBIDDEN for a manager touching an admin.
 */
export async function getManagedStaff(ctx: Ctx, staffUserId: number): Promise<StaffWithProperties> {
  const [staff] = await listStaff(ctx, { staffUserIds: [staffUserId] });
  if (!staff) throw notFound("staff", staffUserId);
  const actor = ctx.actor;
  if ((actor.type === "staff" || actor.type === "apiKey") && actor.role !== "ADMIN" && staff.role === "ADMIN")
    throw new AppError("FORBIDDEN", "managers cannot change administrators");
  return staff;
}
