import type { Ctx } from "@server/context";
import { bookings } from "@server/db/schema/index";
import { assertPropertyAccess } from "@server/domain/access/property-scope";
import { notFound } from "@server/errors";
import { eq } from "drizzle-orm";
import type { Booking } from "./find-current-booking";

/** The booking with this id, if the actor may see its property; NOT_FOUND otherwise. */
export async function getBooking(ctx: Ctx, bookingId: number): Promise<Booking> {
  const [booking] = await ctx.db.select().from(bookings).where(eq(bookings.id, bookingId));
  if (!booking) throw notFound("booking", bookingId);
  assertPropertyAccess(ctx, booking.propertyId, "booking", bookingId);
  return booking;
}
