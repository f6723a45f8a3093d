import type { Ctx } from "@server/context";
import { staffUsers } from "@server/db/schema/index";
import { recordAudit } from "@server/domain/audit/record-audit";
import { revokeStaffSessions } from "@server/domain/auth/revoke-staff-sessions";
import { notFound } from "@server/errors";
import { eq, sql } from "drizzle-orm";
import { hashPassword } from "./password-hash";
import { assertPasswordPolicy } from "./password-policy";

/**
 * Sets a staff member's password (reset by an admin or the CLI) and ends their open sessions, so
 * whoever held the old password is signed out everywhere. A password someone else saw (printed by the
 * CLI) is marked temporary: it signs in, then must be changed before anything else.
 */
export async function setStaffPassword(
  ctx: Ctx,
  input: { email: string; password: string; mustChangePassword?: boolean },
): Promise<{ staffUserId: number; sessionsRevoked: number }> {
  assertPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  const email = input.email.trim().toLowerCase();
  const [user] = await ctx.db
    .update(staffUsers)
    .set({ passwordHash, hasDemoPassword: false, mustChangePassword: input.mustChangePassword ?? false })
    .where(eq(sql`lower(${staffUsers.email})`, email))
    .returning({ id: staffUsers.id });
  if (!user) throw notFound("staff user", email);
  const sessionsRevoked = await revokeStaffSessions(ctx, user.id);
  await recordAudit(ctx, {
    action: "staff.password.reset",
    targetType: "staff_user",
    targetId: user.id,
    details: { sessionsRevoked, temporary: input.mustChangePassword ?? false },
  });
  return { staffUserId: user.id, sessionsRevoked };
}
