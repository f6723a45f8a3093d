import type { Ctx } from "@server/context";
import { composerDrafts } from "@server/db/schema/index";
import { and, eq } from "drizzle-orm";
import { publishDraftChanged } from "./publish-draft-changed";

/**
 * Removes one person's draft for a thread and channel (after a send, or when the text is emptied).
 * The caller has already checked the thread; a missing draft is fine. Their other open sessions are
 * told when one was removed.
 */
export async function clearThreadDraft(
  ctx: Ctx,
  input: { threadId: number; propertyId: number | null; channel: "WHATSAPP" | "SMS"; staffUserId: number },
): Promise<void> {
  const removed = await ctx.db
    .delete(composerDrafts)
    .where(
      and(
        eq(composerDrafts.staffUserId, input.staffUserId),
        eq(composerDrafts.threadId, input.threadId),
        eq(composerDrafts.channel, input.channel),
      ),
    )
    .returning({ threadId: composerDrafts.threadId });
  if (removed.length > 0) await publishDraftChanged(ctx, input);
}
