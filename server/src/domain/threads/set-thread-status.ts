import type { ThreadStatus } from "@contract/channels";
import type { Ctx } from "@server/context";
import { lockAdvisory } from "@server/db/advisory-lock";
import { threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { scheduleCsatSurvey } from "@server/domain/csat/schedule-csat-survey";
import { syncThreadSla } from "@server/domain/sla/sync-thread-sla";
import { conflict, validationFailed } from "@server/errors";
import { enqueueJob } from "@server/queue/enqueue-job";
import { eq } from "drizzle-orm";
import { getThread, type Thread } from "./get-thread";
import { publishThreadUpdated } from "./publish-thread-updated";
import { recordThreadEvent } from "./record-thread-event";
import { reopenThread } from "./reopen-thread";

export const WAKE_SNOOZED_THREAD_QUEUE = "wake-snoozed-thread";

/**
 * Moves a thread to OPEN, PENDING (waiting on the guest or a colleague), SNOOZED (until `snoozedUntil`,
 * or without it until the guest writes) or RESOLVED. Resolving twice keeps the first resolvedAt.
 * Leaving RESOLVED follows the reopen rules (sticky assignee) and answers CONFLICT when the contact
 * already has another open thread in the property. A timed snooze queues its wake-up job.
 */
export async function setThreadStatus(
  ctx: Ctx,
  input: { threadId: number; status: ThreadStatus; snoozedUntil?: Date | null },
): Promise<Thread> {
  const snoozedUntil = input.status === "SNOOZED" ? (input.snoozedUntil ?? null) : null;
  if (snoozedUntil && snoozedUntil.getTime() <= ctx.now().getTime())
    throw validationFailed("snoozedUntil", "must be in the future");
  return withTransaction(ctx, async (tx) => {
    const peek = await getThread(tx, input.threadId);
    await lockAdvisory(tx, "contact", peek.contactId);
    let thread = await getThread(tx, input.threadId, { forUpdate: true });
    const from = thread.status;
    if (from === input.status && thread.snoozedUntil?.getTime() === snoozedUntil?.getTime()) return thread;
    if (from === "RESOLVED") {
      const reopened = await reopenThread(tx, thread, "staff");
      if (!reopened)
        throw conflict("the guest has another open thread in this property; continue there", {
          threadId: thread.id,
        });
      thread = reopened;
    }
    const [changed] = await tx.db
      .update(threads)
      .set({
        status: input.status,
        snoozedUntil,
        resolvedAt: input.status === "RESOLVED" ? (thread.resolvedAt ?? tx.now()) : null,
        updatedAt: tx.now(),
      })
      .where(eq(threads.id, thread.id))
      .returning();
    if (!changed) throw new Error("thread vanished while changing status");
    const updated = await syncThreadSla(tx, changed, { type: "status" });
    await recordThreadEvent(tx, {
      threadId: thread.id,
      type: "status_changed",
      data: { from, to: input.status, snoozedUntil: snoozedUntil?.toISOString() ?? null },
    });
    if (snoozedUntil)
      await enqueueJob(tx, WAKE_SNOOZED_THREAD_QUEUE, { threadId: thread.id }, { runAt: snoozedUntil });
    await scheduleCsatSurvey(tx, { thread: updated, from });
    await publishThreadUpdated(tx, updated);
    return updated;
  });
}
