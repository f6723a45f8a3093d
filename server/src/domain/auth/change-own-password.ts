import type { Ctx } from "@server/context";
import { sessions, staffUsers } from "@server/db/schema/index";
import { recordAudit } from "@server/domain/audit/record-audit";
import { publishAccessChange } from "@server/domain/realtime/publish-access-change";
import { hashPassword, verifyPassword } from "@server/domain/staff/password-hash";
import { assertPasswordPolicy } from "@server/domain/staff/password-policy";
import { AppError, validationFailed } from "@server/errors";
import { and, eq, isNull, ne } from "drizzle-orm";
import { releaseLoginAttempt } from "./release-login-attempt";
import { reserveLoginAttempt } from "./reserve-login-attempt";

/**
 * A signed-in staff member replaces their own password, proving the current one (counted by the same
 * throttle as sign-in, so a borrowed session cannot guess it). Clears the must-change flag of a
 * temporary password and ends the person's other sessions; the one making the change stays signed in.
 */
export async function changeOwnPassword(
  ctx: Ctx,
  input: { currentPassword: string; newPassword: string; keepSessionId?: string },
): Promise<void> {
  const actor = ctx.actor;
  if (actor.type !== "staff") throw new AppError("FORBIDDEN", "only a signed-in staff member has a password");
  const [user] = await ctx.db.select().from(staffUsers).where(eq(staffUsers.id, actor.staffUserId));
  if (!user) throw new AppError("UNAUTHENTICATED", "sign in again");
  const reservation = await reserveLoginAttempt(ctx, {
    email: user.email.toLowerCase(),
    ip: ctx.ip ?? "unknown",
  });
  if (!reservation.allowed)
    throw new AppError("RATE_LIMITED", "too many wrong passwords; try again later", {
      retryAfterSeconds: reservation.retryAfterSeconds,
    });
  const check = await verifyPassword(user.passwordHash, input.currentPassword);
  if (!check.ok) {
    await recordAudit(ctx, {
      action: "staff.password.change_failed",
      outcome: "FAILURE",
      targetType: "staff",
      targetId: user.id,
    });
    throw validationFailed("currentPassword", "is not your current password");
  }
  await releaseLoginAttempt(ctx, reservation.keys);
  assertPasswordPolicy(input.newPassword);
  if (input.newPassword === input.currentPassword)
    throw validationFailed("newPassword", "must differ from the current password");
  await ctx.db
    .update(staffUsers)
    .set({
      passwordHash: await hashPassword(input.newPassword),
      mustChangePassword: false,
      updatedAt: ctx.now(),
    })
    .where(eq(staffUsers.id, user.id));
  const others = await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.now() })
    .where(
      and(
        eq(sessions.staffUserId, user.id),
        isNull(sessions.revokedAt),
        input.keepSessionId ? ne(sessions.id, input.keepSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  if (others.length > 0) await publishAccessChange(ctx, { staffUserId: user.id });
  await recordAudit(ctx, {
    action: "staff.password.changed",
    targetType: "staff",
    targetId: user.id,
    details: { sessionsRevoked: others.length, wasTemporary: user.mustChangePassword },
  });
}
