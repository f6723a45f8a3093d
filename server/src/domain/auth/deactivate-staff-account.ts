import type { Ctx } from "@server/context";
import { staffUsers } from "@server/db/schema/index";
import { recordAudit } from "@server/domain/audit/record-audit";
import { notFound } from "@server/errors";
import { eq, sql } from "drizzle-orm";
import { revokeStaffSessions } from "./revoke-staff-sessions";

/** Deactivates a staff account by email and ends its sessions at once (ASVS 7.4.2). */
export async function deactivateStaffAccount(
  ctx: Ctx,
  input: { email: string },
): Promise<{ staffUserId: number; sessionsRevoked: number }> {
  const email = input.email.trim().toLowerCase();
  const [user] = await ctx.db
    .update(staffUsers)
    .set({ isActive: false })
    .where(eq(sql`lower(${staffUsers.email})`, email))
    .returning({ id: staffUsers.id });
  if (!user) throw notFound("staff user", email);
  const sessionsRevoked = await revokeStaffSessions(ctx, user.id);
  await recordAudit(ctx, {
    action: "staff.deactivated",
    targetType: "staff_user",
    targetId: user.id,
    details: { sessionsRevoked },
  });
  return { staffUserId: user.id, sessionsRevoked };
}
