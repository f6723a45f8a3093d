import type { Ctx } from "@server/context";
import { sessions } from "@server/db/schema/index";
import { publishAccessChange } from "@server/domain/realtime/publish-access-change";
import { and, eq, isNull } from "drizzle-orm";

/**
 * Ends every open session of a staff user at once (deactivation, password reset, role removal): their
 * cookies answer 401 from the next request on and their open event streams close. Returns how many
 * sessions were open.
 */
export async function revokeStaffSessions(ctx: Ctx, staffUserId: number): Promise<number> {
  const revoked = await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.now() })
    .where(and(eq(sessions.staffUserId, staffUserId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  if (revoked.length > 0) await publishAccessChange(ctx, { staffUserId });
  return revoked.length;
}
