import type { Ctx } from "@server/context";
import { sessions } from "@server/db/schema/index";
import { recordAudit } from "@server/domain/audit/record-audit";
import { publishAccessChange } from "@server/domain/realtime/publish-access-change";
import { and, eq, isNull } from "drizzle-orm";

/** Ends one session server-side, so its cookie is worthless even if it was copied; its open streams close. */
export async function logOut(ctx: Ctx, sessionId: string): Promise<void> {
  const [ended] = await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.now() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ staffUserId: sessions.staffUserId });
  if (!ended) return;
  await publishAccessChange(ctx, { staffUserId: ended.staffUserId });
  await recordAudit(ctx, { action: "auth.logout", targetType: "staff_user", targetId: ended.staffUserId });
}
