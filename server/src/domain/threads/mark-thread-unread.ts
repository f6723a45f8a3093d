import type { Ctx } from "@server/context";
import { threadReads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { validationFailed } from "@server/errors";
import { getThread, type Thread } from "./get-thread";
import { publishThreadUpdated } from "./publish-thread-updated";

/** "Mark as unread" for the signed-in staff member only: it counts as unread for them until read again. */
export async function markThreadUnread(ctx: Ctx, input: { threadId: number }): Promise<Thread> {
  return withTransaction(ctx, async (tx) => {
    // The thread first: a thread the caller may not see is a 404 whoever asks.
    const thread = await getThread(tx, input.threadId);
    if (ctx.actor.type !== "staff")
      throw validationFailed("actor", "marking unread is per person: it needs a signed-in staff member");
    const staffUserId = ctx.actor.staffUserId;
    await tx.db
      .insert(threadReads)
      .values({ threadId: thread.id, staffUserId, markedUnread: true, lastReadAt: tx.now() })
      .onConflictDoUpdate({
        target: [threadReads.threadId, threadReads.staffUserId],
        set: { markedUnread: true },
      });
    await publishThreadUpdated(tx, thread);
    return thread;
  });
}
