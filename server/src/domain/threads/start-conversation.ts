import type { ThreadChannel } from "@contract/channels";
import type { Ctx } from "@server/context";
import { contacts, properties } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { assertPropertyAccess } from "@server/domain/access/property-scope";
import { getBooking } from "@server/domain/bookings/get-booking";
import { getContact } from "@server/domain/contacts/get-contact";
import { normalizePhone } from "@server/domain/contacts/normalize-phone";
import { AccessDeniedError, AppError, notFound, validationFailed } from "@server/errors";
import { eq } from "drizzle-orm";
import type { Thread } from "./get-thread";
import { linkThread } from "./link-thread";
import { publishThreadUpdated } from "./publish-thread-updated";
import { reopenThread } from "./reopen-thread";

export type StartConversationInput = {
  channel: "WHATSAPP" | "SMS";
  propertyId?: number;
  contactId?: number;
  phone?: string;
  /** The country a number without a country code was typed for; DEFAULT_COUNTRY otherwise. */
  country?: string;
  name?: string;
  bookingId?: number;
};

export type StartConversationResult = { thread: Thread; contactId: number; created: boolean };

const CHANNEL_NAMES: Record<ThreadChannel, string> = {
  WHATSAPP: "WhatsApp",
  SMS: "SMS",
  EMAIL: "email",
  CALL: "calls",
};

/**
 * Staff start a conversation with a guest (an existing contact, a typed number, or a booking's guest) in
 * one of their properties: the guest's thread there is found or created by the same rules as inbound
 * (linkThread, never a second open thread) and a resolved one is reopened. Nothing is sent: the composer
 * sends next. Refuses a guest who opted out of the channel (CONTACT_OPTED_OUT); NOT_FOUND for a property,
 * contact or booking the actor may not see.
 */
export async function startConversation(
  ctx: Ctx,
  input: StartConversationInput,
): Promise<StartConversationResult> {
  return withTransaction(ctx, async (tx) => {
    const booking = input.bookingId === undefined ? undefined : await getBooking(tx, input.bookingId);
    if (booking && input.propertyId !== undefined && booking.propertyId !== input.propertyId)
      throw validationFailed("propertyId", "differs from the booking's property");
    const propertyId = booking?.propertyId ?? input.propertyId;
    if (propertyId === undefined) throw validationFailed("propertyId", "is required");
    await assertPropertyExists(tx, propertyId);

    const guest = await guestOf(tx, input, booking);
    const phone =
      input.phone === undefined
        ? guest.phone
        : normalizePhone(input.phone, input.country ?? tx.config.defaultCountry);
    const [known] = await tx.db.select().from(contacts).where(eq(contacts.phone, phone));
    if (known && (input.channel === "WHATSAPP" ? known.whatsappOptedOut : known.smsOptedOut))
      throw new AppError(
        "CONTACT_OPTED_OUT",
        `${known.name ?? "This guest"} opted out of ${CHANNEL_NAMES[input.channel]} messages: start the conversation on another channel, or not at all`,
        { channel: input.channel },
      );

    const linked = await linkThread(tx, {
      phone,
      phoneFormat: "international",
      name: input.name ?? guest.name ?? undefined,
      bookingId: booking?.id,
      propertyId,
      channel: input.channel,
      direction: "OUTBOUND",
      at: tx.now(),
    });
    // linkThread keeps to the chosen property; this guards the rule should that ever change.
    if (linked.thread.propertyId !== propertyId) throw new AccessDeniedError("property", propertyId);
    let thread = linked.thread;
    if (thread.status === "RESOLVED") {
      thread = (await reopenThread(tx, thread, "conversation started")) ?? thread;
      await publishThreadUpdated(tx, thread);
    }
    return { thread, contactId: linked.contact.id, created: linked.created };
  });
}

async function assertPropertyExists(ctx: Ctx, propertyId: number): Promise<void> {
  assertPropertyAccess(ctx, propertyId, "property", propertyId);
  const [property] = await ctx.db
    .select({ id: properties.id })
    .from(properties)
    .where(eq(properties.id, propertyId));
  if (!property) throw notFound("property", propertyId);
}

async function guestOf(
  ctx: Ctx,
  input: StartConversationInput,
  booking: Awaited<ReturnType<typeof getBooking>> | undefined,
): Promise<{ phone: string; name: string | null }> {
  // A typed number is read by the caller; stored numbers (contacts, bookings) are canonical already.
  if (input.phone !== undefined) return { phone: input.phone, name: null };
  const contactId = input.contactId ?? booking?.contactId ?? undefined;
  if (contactId !== undefined) {
    // A booking's guest is reachable through the booking even when no thread of theirs is visible yet.
    const contact =
      input.contactId !== undefined ? await getContact(ctx, contactId) : await contactById(ctx, contactId);
    if (!contact.phone) throw validationFailed("contactId", "the guest has no phone number to message");
    return { phone: contact.phone, name: contact.name };
  }
  if (booking?.phone) return { phone: booking.phone, name: booking.guestName };
  throw validationFailed("bookingId", "the booking's guest has no phone number to message");
}

async function contactById(ctx: Ctx, contactId: number) {
  const [contact] = await ctx.db.select().from(contacts).where(eq(contacts.id, contactId));
  if (!contact) throw notFound("contact", contactId);
  return contact;
}
