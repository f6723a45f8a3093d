import type { Ctx } from "@server/context";
import { staffUsers } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { allowedPropertyIds, requireRole } from "@server/domain/access/property-scope";
import { recordAudit } from "@server/domain/audit/record-audit";
import { revokeStaffSessions } from "@server/domain/auth/revoke-staff-sessions";
import { AppError } from "@server/errors";
import { eq } from "drizzle-orm";
import { getManagedStaff } from "./get-managed-staff";
import { hashPassword } from "./password-hash";
import { generatePassword } from "./password-policy";
import { managerOwnsAccount } from "./save-staff";

/**
 * An admin or manager gives a staff member a new temporary password, returned once and never stored in
 * clear. The account must change it at next sign-in (until then every other route answers
 * PASSWORD_CHANGE_REQUIRED), and every open session ends. Managers reset only the accounts they may
 * change in saveStaff: people wholly inside their properties and below their role. Nobody resets their
 * own password this way; they change it with the current one (changeOwnPassword).
 */
export async function resetStaffPassword(
  ctx: Ctx,
  input: { staffUserId: number },
): Promise<{ temporaryPassword: string }> {
  requireRole(ctx, "ADMIN", "MANAGER");
  if (ctx.actor.type === "staff" && ctx.actor.staffUserId === input.staffUserId)
    throw new AppError("FORBIDDEN", "change your own password with your current one instead");
  return withTransaction(ctx, async (tx) => {
    const staff = await getManagedStaff(tx, input.staffUserId);
    const allowed = allowedPropertyIds(tx.actor);
    if (allowed !== "all" && !managerOwnsAccount(tx, allowed, staff))
      throw new AppError(
        "FORBIDDEN",
        "this person also works for other properties or is not below you: ask an administrator to reset their password",
      );
    const temporaryPassword = generatePassword();
    await tx.db
      .update(staffUsers)
      .set({
        passwordHash: await hashPassword(temporaryPassword),
        mustChangePassword: true,
        updatedAt: tx.now(),
      })
      .where(eq(staffUsers.id, staff.id));
    const sessionsRevoked = await revokeStaffSessions(tx, staff.id);
    await recordAudit(tx, {
      action: "staff.password.reset",
      targetType: "staff",
      targetId: staff.id,
      details: { temporary: true, sessionsRevoked },
    });
    return { temporaryPassword };
  });
}
