import { THREAD_PRIORITIES, type ThreadPriority } from "@contract/labels";
import type { Ctx } from "@server/context";
import { threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { retargetThreadSla } from "@server/domain/sla/retarget-thread-sla";
import { eq } from "drizzle-orm";
import { getThread, type Thread } from "./get-thread";
import { recordThreadEvent } from "./record-thread-event";

export const priorityRank = (priority: ThreadPriority): number => THREAD_PRIORITIES.indexOf(priority);
export const priorityName = (rank: number): ThreadPriority => THREAD_PRIORITIES[rank] ?? "none";

/** Sets a thread's priority; a change is a timeline event and a `thread.priority_changed` event. */
export async function setThreadPriority(
  ctx: Ctx,
  input: { threadId: number; priority: ThreadPriority },
): Promise<Thread> {
  return withTransaction(ctx, async (tx) => {
    const thread = await getThread(tx, input.threadId, { forUpdate: true });
    const rank = priorityRank(input.priority);
    if (thread.priority === rank) return thread;
    const [changed] = await tx.db
      .update(threads)
      .set({ priority: rank, updatedAt: tx.now() })
      .where(eq(threads.id, thread.id))
      .returning();
    if (!changed) throw new Error("thread vanished while setting priority");
    const updated = await retargetThreadSla(tx, changed, thread.priority);
    await recordThreadEvent(tx, {
      threadId: thread.id,
      type: "priority_changed",
      data: { from: priorityName(thread.priority), to: input.priority },
    });
    await publishEvent(tx, {
      type: "thread.priority_changed",
      propertyId: thread.propertyId,
      threadId: thread.id,
      payload: { threadId: thread.id, priority: input.priority },
    });
    return updated;
  });
}
