import type { Ctx } from "@server/context";
import { bookings } from "@server/db/schema/index";
import { and, asc, eq, gte, notInArray } from "drizzle-orm";

export type Booking = typeof bookings.$inferSelect;

/** Statuses of bookings that will not bring the guest to the hotel. */
const INACTIVE_BOOKING_STATUSES = ["CANCELLED", "NO_SHOW"];

/** The contact's current stay at `at`, else their next upcoming one (earliest check-in first). */
export async function findCurrentBooking(
  ctx: Ctx,
  contactId: number,
  at: Date,
): Promise<Booking | undefined> {
  const today = at.toISOString().slice(0, 10);
  const [booking] = await ctx.db
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.contactId, contactId),
        gte(bookings.checkOut, today),
        notInArray(bookings.status, INACTIVE_BOOKING_STATUSES),
      ),
    )
    .orderBy(asc(bookings.checkIn), asc(bookings.id))
    .limit(1);
  return booking;
}
