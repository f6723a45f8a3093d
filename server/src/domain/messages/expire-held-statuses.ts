import type { Ctx } from "@server/context";
import { messageStatusEvents } from "@server/db/schema/index";
import { and, isNull, lt } from "drizzle-orm";

export const EXPIRE_HELD_STATUSES_QUEUE = "expire-held-statuses";

/**
 * Deletes held statuses (provider ids no message of ours ever matched: another system on the same
 * number, a send we never recorded) older than the retention period. Their callbacks stay in
 * webhook_events. Returns how many were deleted.
 */
export async function expireHeldStatuses(ctx: Ctx, input: { retentionMs: number }): Promise<number> {
  const before = new Date(ctx.now().getTime() - input.retentionMs);
  const deleted = await ctx.db
    .delete(messageStatusEvents)
    .where(and(isNull(messageStatusEvents.messageId), lt(messageStatusEvents.createdAt, before)))
    .returning({ id: messageStatusEvents.id });
  if (deleted.length > 0) ctx.log.info({ expired: deleted.length }, "held statuses expired");
  return deleted.length;
}
