import type { Ctx } from "@server/context";
import { sessions } from "@server/db/schema/index";
import { and, eq, isNull } from "drizzle-orm";

/**
 * Ends every open session of a staff user at once (deactivation, password reset, role removal): their
 * cookies answer 401 from the next request on. Returns how many sessions were open.
 */
export async function revokeStaffSessions(ctx: Ctx, staffUserId: number): Promise<number> {
  const revoked = await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.now() })
    .where(and(eq(sessions.staffUserId, staffUserId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length;
}
