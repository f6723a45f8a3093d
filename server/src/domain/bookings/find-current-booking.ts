import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
import { bookings } from "@server/db/schema/index";
import { stashInTransaction, takeFromTransaction } from "@server/db/transaction-memo";
import { and, asc, eq, gte, inArray, notInArray, sql } from "drizzle-orm";

export type Booking = typeof bookings.$inferSelect;

/** Statuses of bookings that will not bring the guest to the hotel. */
const INACTIVE_BOOKING_STATUSES = ["CANCELLED", "NO_SHOW"];

/** The contact's current stay at `at`, else their next upcoming one (earliest check-in first). */
export async function findCurrentBooking(
  ctx: Ctx,
  contactId: number,
  at: Date,
): Promise<Booking | undefined> {
  if (takeFromTransaction<true>(ctx, NO_CURRENT_BOOKING, String(contactId), { keep: true })) return undefined;
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

const NO_CURRENT_BOOKING = "no-current-booking";

/**
 * Notes, for the rest of the transaction, which of `contactIds` have no booking findCurrentBooking
 * could return at `at` or later (the earliest of the items about to be linked), so that it answers for
 * them without a statement: a batch of many guests' messages asks once. A booking stored meanwhile by
 * another transaction is found by the guest's next message.
 */
export async function noteContactsWithoutBooking(ctx: Ctx, contactIds: number[], at: Date): Promise<void> {
  if (contactIds.length === 0) return;
  const withBooking = await ctx.db
    .selectDistinct({ contactId: bookings.contactId })
    .from(bookings)
    .where(
      and(
        inArray(bookings.contactId, contactIds),
        gte(bookings.checkOut, at.toISOString().slice(0, 10)),
        notInArray(bookings.status, INACTIVE_BOOKING_STATUSES),
      ),
    );
  const booked = new Set(withBooking.map((row) => row.contactId));
  stashInTransaction(
    ctx,
    NO_CURRENT_BOOKING,
    contactIds.filter((id) => !booked.has(id)).map((id) => [String(id), true] as const),
  );
}
