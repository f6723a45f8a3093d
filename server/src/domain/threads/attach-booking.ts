import type { Ctx } from "@server/context";
import { threads } from "@server/db/schema/index";
import { autoAssignThread } from "@server/domain/assignment/auto-assign-thread";
import type { Booking } from "@server/domain/bookings/find-current-booking";
import { eq } from "drizzle-orm";
import { findOpenThread } from "./find-open-thread";
import type { Thread } from "./get-thread";
import { recordThreadEvent } from "./record-thread-event";

/**
 * Links a continued thread to a booking learnt since it was created (and routes it to the booking's
 * property when it had none), then auto-assigns it if it is now covered by the property's policy.
 * Leaves the thread alone when it belongs to another property or routing it would give the contact a
 * second open thread there. Call under the contact's lock.
 */
export async function attachBooking(ctx: Ctx, thread: Thread, booking: Booking | undefined): Promise<Thread> {
  if (!booking || thread.bookingId !== null) return thread;
  if (thread.propertyId !== null && thread.propertyId !== booking.propertyId) return thread;
  if (thread.propertyId === null && thread.status !== "RESOLVED") {
    const clash = await findOpenThread(ctx, { contactId: thread.contactId, propertyId: booking.propertyId });
    if (clash) return thread;
  }
  const [updated] = await ctx.db
    .update(threads)
    .set({ bookingId: booking.id, propertyId: booking.propertyId, updatedAt: ctx.now() })
    .where(eq(threads.id, thread.id))
    .returning();
  if (!updated) return thread;
  await recordThreadEvent(ctx, {
    threadId: thread.id,
    type: "booking_linked",
    data: { bookingId: booking.id, reference: booking.reference, propertyId: booking.propertyId },
  });
  if (updated.status === "RESOLVED" || updated.assigneeId !== null) return updated;
  const assigneeId = await autoAssignThread(ctx, { thread: updated });
  return { ...updated, assigneeId };
}
