import type { Ctx } from "@server/context";
import { bookings, threads } from "@server/db/schema/index";
import { propertyCondition } from "@server/domain/access/property-scope";
import type { Booking } from "@server/domain/bookings/find-current-booking";
import { selectThreadRows, type ThreadListRow } from "@server/domain/threads/select-thread-rows";
import { and, desc, eq } from "drizzle-orm";
import type { Contact } from "./find-or-create-contact";
import { getContact } from "./get-contact";

/** A contact with their bookings and threads (those in the actor's properties) and consent flags. */
export async function getContactDetail(
  ctx: Ctx,
  contactId: number,
): Promise<{ contact: Contact; bookings: Booking[]; threads: ThreadListRow[] }> {
  const contact = await getContact(ctx, contactId);
  const contactBookings = await ctx.db
    .select()
    .from(bookings)
    .where(and(eq(bookings.contactId, contact.id), propertyCondition(ctx, bookings.propertyId)))
    .orderBy(desc(bookings.checkIn));
  const contactThreads = await selectThreadRows(ctx, eq(threads.contactId, contact.id), 100);
  return { contact, bookings: contactBookings, threads: contactThreads };
}
