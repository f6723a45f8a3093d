import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
import { bookings } from "@server/db/schema/index";
import { and, asc, eq, gte, notInArray, sql } from "drizzle-orm";

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
  const [booking] = await preparedQuery(ctx.db, "current_booking_of_contact", (db, name) =>
    db
      .select()
      .from(bookings)
      .where(
        and(
          eq(bookings.contactId, sql.placeholder("contactId")),
          gte(bookings.checkOut, sql.placeholder("today")),
          notInArray(bookings.status, INACTIVE_BOOKING_STATUSES),
        ),
      )
      .orderBy(asc(bookings.checkIn), asc(bookings.id))
      .limit(1)
      .prepare(name),
  ).execute({ contactId, today });
  return booking;
}
