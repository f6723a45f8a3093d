import type { Ctx } from "@server/context";
import { lockAdvisory } from "@server/db/advisory-lock";
import { bookings, labels, properties, threadLabels, threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { canAccessProperty } from "@server/domain/access/property-scope";
import { recordAudit } from "@server/domain/audit/record-audit";
import { syncThreadSla } from "@server/domain/sla/sync-thread-sla";
import { findOpenThread } from "@server/domain/threads/find-open-thread";
import { getThread, type Thread } from "@server/domain/threads/get-thread";
import { publishThreadUpdated } from "@server/domain/threads/publish-thread-updated";
import { recordThreadEvent } from "@server/domain/threads/record-thread-event";
import { AccessDeniedError, AppError, conflict } from "@server/errors";
import { and, eq, inArray, ne } from "drizzle-orm";
import { autoAssignThread } from "./auto-assign-thread";
import { recordAssignmentChange } from "./record-assignment-change";

/**
 * Moves a thread to another property the actor can see (managers and admins): the guest wrote to the
 * wrong hotel. The thread leaves its assignee and is dealt again by the new property's rules; labels
 * of the old property and a booking of another property come off, and running response-time targets
 * start again under the new property's policy. A timeline event names who moved it.
 * CONFLICT when the guest already has an open thread at the new property (the one-open-thread rule).
 */
export async function moveThreadToProperty(
  ctx: Ctx,
  input: { threadId: number; propertyId: number },
): Promise<Thread> {
  return withTransaction(ctx, async (tx) => {
    const peek = await getThread(tx, input.threadId);
    const actor = tx.actor;
    if ((actor.type === "staff" || actor.type === "apiKey") && actor.role === "AGENT")
      throw new AppError(
        "FORBIDDEN",
        "only managers and admins may move a conversation to another property; transfer it to a colleague instead",
      );
    await lockAdvisory(tx, "contact", peek.contactId);
    const thread = await getThread(tx, input.threadId, { forUpdate: true });
    const [target] = await tx.db.select().from(properties).where(eq(properties.id, input.propertyId));
    if (!target || !canAccessProperty(tx, target.id))
      throw new AccessDeniedError("property", input.propertyId);
    if (thread.propertyId === target.id) return thread;
    if (thread.status !== "RESOLVED") {
      const open = await findOpenThread(tx, { contactId: thread.contactId, propertyId: target.id });
      if (open)
        throw conflict(
          `the guest already has an open conversation at ${target.name}; continue there or resolve it first`,
          { threadId: open.id },
        );
    }
    const [source] = thread.propertyId
      ? await tx.db.select().from(properties).where(eq(properties.id, thread.propertyId))
      : [];
    const [booking] = thread.bookingId
      ? await tx.db.select().from(bookings).where(eq(bookings.id, thread.bookingId))
      : [];
    const unlinkBooking = booking !== undefined && booking.propertyId !== target.id;
    const foreignLabels = tx.db
      .select({ id: labels.id })
      .from(labels)
      .where(ne(labels.propertyId, target.id));
    await tx.db
      .delete(threadLabels)
      .where(and(eq(threadLabels.threadId, thread.id), inArray(threadLabels.labelId, foreignLabels)));
    const [movedRow] = await tx.db
      .update(threads)
      .set({
        propertyId: target.id,
        assigneeId: null,
        ...(unlinkBooking && { bookingId: null }),
        updatedAt: tx.now(),
      })
      .where(eq(threads.id, thread.id))
      .returning();
    if (!movedRow) throw new Error("thread vanished while moving");
    const moved = await syncThreadSla(tx, movedRow, { type: "moved" });
    const data = {
      fromPropertyId: thread.propertyId,
      fromPropertyName: source?.name ?? null,
      toPropertyId: target.id,
      toPropertyName: target.name,
      ...(unlinkBooking && { unlinkedBooking: booking.reference }),
    };
    await recordThreadEvent(tx, { threadId: thread.id, type: "property_changed", data });
    await recordAudit(tx, {
      action: "thread.moved",
      targetType: "thread",
      targetId: thread.id,
      propertyId: target.id,
      details: data,
    });
    if (thread.assigneeId !== null)
      await recordAssignmentChange(tx, {
        threadId: thread.id,
        propertyId: target.id,
        from: thread.assigneeId,
        to: null,
        how: "moved",
      });
    // The old property's inboxes drop the row; the new one's pick it up.
    await publishThreadUpdated(tx, { ...moved, propertyId: thread.propertyId });
    await publishThreadUpdated(tx, moved);
    if (moved.status !== "RESOLVED") await autoAssignThread(tx, { thread: moved });
    return getThread(tx, thread.id);
  });
}
