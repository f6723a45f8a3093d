import type { UpsertBookingBody } from "@contract/bookings";
import type { Ctx } from "@server/context";
import { lockAdvisory } from "@server/db/advisory-lock";
import { bookings, contacts, properties } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { assertPropertyAccess } from "@server/domain/access/property-scope";
import { contactVisibleCondition } from "@server/domain/contacts/contact-visibility";
import {
  type Contact,
  type FindOrCreateContactInput,
  findExistingContact,
  findOrCreateContact,
} from "@server/domain/contacts/find-or-create-contact";
import { normalizeEmail } from "@server/domain/contacts/normalize-email";
import { normalizePhone } from "@server/domain/contacts/normalize-phone";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { notFound } from "@server/errors";
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { Booking } from "./find-current-booking";

/**
 * Creates or updates the booking with this reference (the booking system's push), linking it to the
 * guest's contact found or created by phone and/or email. The property (by code) and, for an update,
 * the booking's current property must be the actor's: NOT_FOUND otherwise. Race-safe on the reference.
 * A guest the caller cannot see already is not linked (see contactToLink).
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
      phone || email ? await contactToLink(tx, { phone, email, name: input.guestName }) : undefined;
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

/**
 * The guest's contact to link the booking to: found or created by phone/email, unless it already exists
 * and the caller cannot see it (no thread or booking in the caller's properties); then none.
 * A contact's name, email and consent are shared by every property that knows the guest, and a booking
 * links it to the booking's property, which then sees it and may change it (contactVisibleCondition).
 * Typing a phone number into a booking proves no relationship with the guest, so it must not open a
 * contact another property holds: the booking keeps its own phone, email and guest name, and nothing of
 * the contact is read or filled in. It is linked by a later push once the guest has written to the
 * property (a thread makes the contact visible). Admins and system work see every contact: always linked.
 */
async function contactToLink(tx: Ctx, input: FindOrCreateContactInput): Promise<Contact | undefined> {
  const visible = contactVisibleCondition(tx);
  if (visible) {
    // The locks findOrCreateContact takes, so no contact appears between this look and its own.
    if (input.phone) await lockAdvisory(tx, "contact-phone", input.phone);
    if (input.email) await lockAdvisory(tx, "contact-email", input.email);
    const existing = await findExistingContact(tx, input);
    if (existing) {
      const [seen] = await tx.db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.id, existing.id), visible));
      if (!seen) return undefined;
    }
  }
  return findOrCreateContact(tx, input);
}
