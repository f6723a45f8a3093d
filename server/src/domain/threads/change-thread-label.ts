import type { ThreadLabel } from "@contract/labels";
import type { Ctx } from "@server/context";
import { threadLabels, threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { validationFailed } from "@server/errors";
import { and, eq } from "drizzle-orm";
import { getLabel } from "./get-label";
import { getThread } from "./get-thread";
import { listThreadLabels } from "./list-thread-labels";
import { recordThreadEvent } from "./record-thread-event";

/**
 * Adds a label to a thread or takes it off. The label must belong to the thread's property
 * (VALIDATION_FAILED otherwise; NOT_FOUND when the actor cannot see the thread or the label). A change
 * is a timeline event naming the actor and a `thread.labels_changed` event; a no-op records nothing.
 * Answers the thread's labels afterwards.
 */
export async function changeThreadLabel(
  ctx: Ctx,
  input: { threadId: number; labelId: number; change: "add" | "remove" },
): Promise<ThreadLabel[]> {
  return withTransaction(ctx, async (tx) => {
    const thread = await getThread(tx, input.threadId, { forUpdate: true });
    const label = await getLabel(tx, input.labelId);
    if (label.propertyId !== thread.propertyId)
      throw validationFailed("labelId", "not a label of this thread's property");
    const changed =
      input.change === "add"
        ? await tx.db
            .insert(threadLabels)
            .values({ threadId: thread.id, labelId: label.id, createdAt: tx.now() })
            .onConflictDoNothing()
            .returning({ labelId: threadLabels.labelId })
        : await tx.db
            .delete(threadLabels)
            .where(and(eq(threadLabels.threadId, thread.id), eq(threadLabels.labelId, label.id)))
            .returning({ labelId: threadLabels.labelId });
    const after = (await listThreadLabels(tx, [thread.id])).get(thread.id) ?? [];
    if (changed.length === 0) return after;
    await tx.db.update(threads).set({ updatedAt: tx.now() }).where(eq(threads.id, thread.id));
    await recordThreadEvent(tx, {
      threadId: thread.id,
      type: input.change === "add" ? "label_added" : "label_removed",
      data: { labelId: label.id, name: label.name, color: label.color },
    });
    await publishEvent(tx, {
      type: "thread.labels_changed",
      propertyId: thread.propertyId,
      threadId: thread.id,
      payload: { threadId: thread.id, labels: after },
    });
    return after;
  });
}
