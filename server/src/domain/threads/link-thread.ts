import type { Direction, ThreadChannel } from "@contract/channels";
import type { Ctx } from "@server/context";
import { holdLockOnNewRow, lockAdvisory } from "@server/db/advisory-lock";
import { bookings, threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { findCurrentBooking } from "@server/domain/bookings/find-current-booking";
import { getBooking } from "@server/domain/bookings/get-booking";
import { type Contact, resolveContact } from "@server/domain/contacts/find-or-create-contact";
import { normalizeEmail } from "@server/domain/contacts/normalize-email";
import { normalizeInternationalPhone, normalizePhone } from "@server/domain/contacts/normalize-phone";
import { and, desc, eq } from "drizzle-orm";
import { attachBooking } from "./attach-booking";
import { createThread } from "./create-thread";
import { findReusableThread } from "./find-reusable-thread";
import type { Thread } from "./get-thread";

export type LinkThreadInput = {
  /** The guest's phone in any common format; normalized here. */
  phone?: string;
  /**
   * `international`: the phone (and receivingNumber) came from a provider's callback and already
   * carries its country code; it is kept as given, never read in DEFAULT_COUNTRY.
   */
  phoneFormat?: "international";
  /** The guest's email address: links emails, and email-only contacts. */
  email?: string;
  /** The guest's name (e.g. the WhatsApp profile name); fills a contact that has none. */
  name?: string;
  /** A booking the item is about (an outbound confirmation): its property's thread is used. */
  bookingId?: number;
  /**
   * The property staff chose for a conversation they start: only its threads are continued, only a
   * booking there is linked, and a new thread opens there.
   */
  propertyId?: number;
  channel: ThreadChannel;
  direction: Direction;
  /** Our number the guest wrote to or called: routes a new thread to the property that owns it. */
  receivingNumber?: string;
  /** When the item happened (provider time). */
  at: Date;
  subject?: string;
};

export type LinkThreadResult = { contact: Contact; thread: Thread; created: boolean };

/**
 * The one way every message, call and email finds its thread. In order: normalize the phone; find or
 * create the contact; continue the contact's thread (unresolved, or active within THREAD_REUSE_DAYS;
 * with `bookingId`, only threads of that booking's property); else the thread of the contact's current
 * or upcoming booking; else create one (property from the booking, the receiving number, or the
 * default property) and auto-assign it. Runs in the caller's transaction (or its own) and serializes
 * per contact with an advisory lock, so concurrent bursts from one guest yield one thread; with the
 * partial unique index there is never a second open thread per contact and property.
 * It does not record the item nor bump activity: callers insert their row with `thread.id`, then call
 * recordThreadActivity in the same transaction. Throws INVALID_PHONE, VALIDATION_FAILED, NOT_FOUND
 * (bookingId the actor may not see).
 */
export async function linkThread(ctx: Ctx, input: LinkThreadInput): Promise<LinkThreadResult> {
  const phone =
    input.phone === undefined
      ? undefined
      : input.phoneFormat === "international"
        ? normalizeInternationalPhone(input.phone)
        : normalizePhone(input.phone, ctx.config.defaultCountry);
  const email = normalizeEmail(input.email);
  return withTransaction(ctx, async (tx) => {
    const { contact, created: newContact } = await resolveContact(tx, { phone, email, name: input.name });
    if (newContact) holdLockOnNewRow(tx, "contact", contact.id);
    else await lockAdvisory(tx, "contact", contact.id);
    const explicit = input.bookingId === undefined ? undefined : await getBooking(tx, input.bookingId);
    // A booking pushed without guest details belongs to whoever we are now talking to about it.
    if (explicit && explicit.contactId === null)
      await tx.db.update(bookings).set({ contactId: contact.id }).where(eq(bookings.id, explicit.id));
    const chosen = input.propertyId;
    // A contact created just now has no thread and no booking to find.
    const recent = newContact
      ? undefined
      : await findReusableThread(tx, {
          contactId: contact.id,
          at: input.at,
          reuseDays: tx.config.threads.reuseDays,
          propertyId: explicit?.propertyId ?? chosen,
          // A chosen property is where staff will work the thread: a not-yet-routed one would be out of reach.
          routedOnly: chosen !== undefined,
        });
    // A continued thread already linked to a booking keeps it: no need to look the guest's stay up.
    if (recent && recent.bookingId !== null) return { contact, thread: recent, created: false };

    const current = explicit ?? (newContact ? undefined : await findCurrentBooking(tx, contact.id, input.at));
    const booking = chosen !== undefined && current?.propertyId !== chosen ? undefined : current;
    if (recent) return { contact, thread: await attachBooking(tx, recent, booking), created: false };

    if (booking) {
      const [ofBooking] = await tx.db
        .select()
        .from(threads)
        .where(and(eq(threads.contactId, contact.id), eq(threads.bookingId, booking.id)))
        .orderBy(desc(threads.lastMessageAt), desc(threads.id))
        .limit(1);
      if (ofBooking) return { contact, thread: ofBooking, created: false };
    }

    const { thread, created } = await createThread(tx, {
      contactId: contact.id,
      booking,
      receivingNumber: input.receivingNumber,
      receivingNumberFormat: input.phoneFormat,
      propertyId: chosen,
      at: input.at,
      subject: input.subject,
    });
    return { contact, thread, created };
  });
}
