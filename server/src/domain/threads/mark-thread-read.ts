import type { Ctx } from "@server/context";
import { threadReads, threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { and, eq, gt, sql } from "drizzle-orm";
import { getThread, type Thread } from "./get-thread";
import { markMentionsRead } from "./mentions-filter";
import { publishThreadUpdated } from "./publish-thread-updated";

/**
 * A staff member read the thread: their marker moves up to its latest guest message (nobody else's
 * unread changes). The thread's shared count (what API keys see on unassigned threads) goes to zero.
 * Called by an API key, it reads for the assignee.
 */
export async function markThreadRead(ctx: Ctx, input: { threadId: number }): Promise<Thread> {
  return withTransaction(ctx, async (tx) => {
    const thread = await getThread(tx, input.threadId);
    let changed = false;
    // An API key reads for the thread's assignee (whose unread it is shown): it is what it did before
    // read state was per person, when a read cleared it for everyone.
    const staffUserId = tx.actor.type === "staff" ? tx.actor.staffUserId : thread.assigneeId;
    if (staffUserId !== null) {
      const [marker] = await tx.db
        .select()
        .from(threadReads)
        .where(and(eq(threadReads.threadId, thread.id), eq(threadReads.staffUserId, staffUserId)));
      if (!marker || marker.markedUnread || marker.readInboundCount < thread.inboundCount) {
        const values = { readInboundCount: thread.inboundCount, lastReadAt: tx.now(), markedUnread: false };
        await tx.db
          .insert(threadReads)
          .values({ threadId: thread.id, staffUserId, ...values })
          .onConflictDoUpdate({
            target: [threadReads.threadId, threadReads.staffUserId],
            // Two tabs reading at once never move a marker backwards.
            set: {
              ...values,
              readInboundCount: sql`greatest(${threadReads.readInboundCount}, excluded.read_inbound_count)`,
            },
          });
        changed = marker !== undefined || thread.inboundCount > 0;
      }
    }
    await markMentionsRead(tx, thread.id);
    const [updated] = await tx.db
      .update(threads)
      .set({ unreadCount: 0, updatedAt: tx.now() })
      .where(and(eq(threads.id, thread.id), gt(threads.unreadCount, 0)))
      .returning();
    if (updated || changed) await publishThreadUpdated(tx, updated ?? thread);
    return updated ?? thread;
  });
}
