import type { Ctx } from "@server/context";
import { threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { eq } from "drizzle-orm";
import { getThread, type Thread } from "./get-thread";
import { publishThreadUpdated } from "./publish-thread-updated";

/** Sets the thread's unread count to zero (staff opened it). */
export async function markThreadRead(ctx: Ctx, input: { threadId: number }): Promise<Thread> {
  return withTransaction(ctx, async (tx) => {
    const thread = await getThread(tx, input.threadId, { forUpdate: true });
    if (thread.unreadCount === 0) return thread;
    const [updated] = await tx.db
      .update(threads)
      .set({ unreadCount: 0, updatedAt: tx.now() })
      .where(eq(threads.id, thread.id))
      .returning();
    if (!updated) return thread;
    await publishThreadUpdated(tx, updated);
    return updated;
  });
}
