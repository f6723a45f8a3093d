import type { Ctx } from "@server/context";
import { composerDrafts } from "@server/db/schema/index";
import { and, eq } from "drizzle-orm";

/**
 * Removes one person's draft for a thread and channel (after a send, or when the text is emptied).
 * The caller has already checked the thread; a missing draft is fine.
 */
export async function clearThreadDraft(
  ctx: Ctx,
  input: { threadId: number; channel: string; staffUserId: number },
): Promise<void> {
  await ctx.db
    .delete(composerDrafts)
    .where(
      and(
        eq(composerDrafts.staffUserId, input.staffUserId),
        eq(composerDrafts.threadId, input.threadId),
        eq(composerDrafts.channel, input.channel),
      ),
    );
}
