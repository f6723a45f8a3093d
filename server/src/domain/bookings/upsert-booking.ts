import type { UpsertBookingBody } from "@contract/bookings";
import type { Ctx } from "@server/context";
import { bookings, properties } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { assertPropertyAccess } from "@server/domain/access/property-scope";
import { findOrCreateContact } from "@server/domain/contacts/find-or-create-contact";
import { normalizeEmail } from "@server/domain/contacts/normalize-email";
import { normalizePhone } from "@server/domain/contacts/normalize-phone";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { notFound } from "@server/errors";
import { eq, getTableColumns, sql } from "drizzle-orm";
import type { Booking } from "./find-current-booking";

/**
 * Creates or updates the booking with this reference (the booking system's push), linking it to the
 * guest's contact found or created by phone and/or email. The property (by code) and, for an update,
 * the booking's current property must be the actor's: NOT_FOUND otherwise. Race-safe on the reference.
 */
export async function upsertBooking(
  ctx: Ctx,
  reference: string,
  input: UpsertBookingBody,
): Promise<{ booking: Booking; created: boolean }> {
  const phone = input.phone ? normalizePhone(input.phone, ctx.config.defaultCountry) : undefined;
  const email = normalizeEmail(input.email);
  return withTransaction(ctx, async (tx) => {
    const [property] = await tx.db.select().from(properties).where(eq(properties.code, input.propertyCode));
    if (!property) throw notFound("property", input.propertyCode);
    assertPropertyAccess(tx, property.id, "property", input.propertyCode);
    const [existing] = await tx.db
      .select()
      .from(bookings)
      .where(eq(bookings.reference, reference))
      .for("update");
    if (existing) assertPropertyAccess(tx, existing.propertyId, "booking", reference);
    const contact =
      phone || email ? await findOrCreateContact(tx, { phone, email, name: input.guestName }) : undefined;
    const values = {
      propertyId: property.id,
      contactId: contact?.id ?? existing?.contactId ?? null,
      guestName: input.guestName ?? null,
      phone: phone ?? null,
      email: email ?? null,
      checkIn: input.checkIn,
      checkOut: input.checkOut,
      status: input.status,
      updatedAt: tx.now(),
    };
    const [row] = await tx.db
      .insert(bookings)
      .values({ reference, ...values, createdAt: tx.now() })
      .onConflictDoUpdate({ target: bookings.reference, set: values })
      // xmax = 0 only on a freshly inserted row version: tells an insert from an update.
      .returning({ ...getTableColumns(bookings), created: sql<boolean>`(xmax = 0)` });
    if (!row) throw new Error("booking upsert returned nothing");
    const { created, ...booking } = row;
    await publishEvent(tx, {
      type: "booking.updated",
      propertyId: property.id,
      payload: { bookingId: booking.id, reference, contactId: booking.contactId },
    });
    return { booking, created };
  });
}
