import type { Ctx } from "@server/context";
import { threads } from "@server/db/schema/index";
import { assignReopenedThread } from "@server/domain/assignment/assign-reopened-thread";
import { eq } from "drizzle-orm";
import { findOpenThread } from "./find-open-thread";
import type { Thread } from "./get-thread";
import { recordThreadEvent } from "./record-thread-event";

/**
 * Moves a RESOLVED thread back to OPEN (sticky-if-available assignment) unless the contact has another
 * unresolved thread in the same property, which the one-open-thread rule forbids: then undefined.
 * Call inside a transaction holding the contact's lock.
 */
export async function reopenThread(ctx: Ctx, thread: Thread, reason: string): Promise<Thread | undefined> {
  const clash = await findOpenThread(ctx, {
    contactId: thread.contactId,
    propertyId: thread.propertyId,
    exceptThreadId: thread.id,
  });
  if (clash) {
    ctx.log.warn(
      { threadId: thread.id, openThreadId: clash.id },
      "not reopening: the contact has another open thread",
    );
    return undefined;
  }
  const [reopened] = await ctx.db
    .update(threads)
    .set({ status: "OPEN", resolvedAt: null, snoozedUntil: null, updatedAt: ctx.now() })
    .where(eq(threads.id, thread.id))
    .returning();
  if (!reopened) return undefined;
  await recordThreadEvent(ctx, { threadId: thread.id, type: "reopened", data: { reason } });
  const assigneeId = await assignReopenedThread(ctx, reopened);
  return { ...reopened, assigneeId };
}
