import { type DraftBody, type DraftDto, isEmptyDraft } from "@contract/composer";
import type { Ctx } from "@server/context";
import { composerDrafts } from "@server/db/schema/index";
import { getThread } from "@server/domain/threads/get-thread";
import { clearThreadDraft } from "./clear-thread-draft";
import { draftOwner } from "./draft-owner";
import { publishDraftChanged } from "./publish-draft-changed";

/**
 * Keeps the signed-in staff member's unsent reply for a thread and channel (the last write wins); an
 * empty one removes the draft. Returns the stored draft, or undefined when it was cleared.
 */
export async function saveThreadDraft(
  ctx: Ctx,
  input: { threadId: number; channel: "WHATSAPP" | "SMS"; body: DraftBody | undefined },
): Promise<DraftDto | undefined> {
  const thread = await getThread(ctx, input.threadId);
  const staffUserId = draftOwner(ctx);
  if (!input.body || isEmptyDraft(input.body)) {
    await clearThreadDraft(ctx, {
      threadId: thread.id,
      propertyId: thread.propertyId,
      channel: input.channel,
      staffUserId,
    });
    return undefined;
  }
  const now = ctx.now();
  await ctx.db
    .insert(composerDrafts)
    .values({ staffUserId, threadId: thread.id, channel: input.channel, body: input.body, updatedAt: now })
    .onConflictDoUpdate({
      target: [composerDrafts.staffUserId, composerDrafts.threadId, composerDrafts.channel],
      set: { body: input.body, updatedAt: now },
    });
  await publishDraftChanged(ctx, {
    threadId: thread.id,
    propertyId: thread.propertyId,
    channel: input.channel,
    staffUserId,
  });
  return { channel: input.channel, body: input.body, updatedAt: now.toISOString() };
}
