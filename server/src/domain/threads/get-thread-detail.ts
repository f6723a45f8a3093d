import type { Ctx } from "@server/context";
import { bookings, contacts, threads } from "@server/db/schema/index";
import type { Booking } from "@server/domain/bookings/find-current-booking";
import type { Contact } from "@server/domain/contacts/find-or-create-contact";
import { and, eq, ne } from "drizzle-orm";
import { getThreadRow } from "./get-thread-row";
import { selectThreadRows, type ThreadListRow } from "./select-thread-rows";

export type ThreadDetail = {
  row: ThreadListRow;
  contact: Contact;
  booking: Booking | null;
  /** The contact's other threads the actor may see, newest first. */
  otherThreads: ThreadListRow[];
};

/** A thread with its contact, booking and the contact's other threads; NOT_FOUND if not visible. */
export async function getThreadDetail(ctx: Ctx, threadId: number): Promise<ThreadDetail> {
  const row = await getThreadRow(ctx, threadId);
  const { thread } = row;
  const [contact] = await ctx.db.select().from(contacts).where(eq(contacts.id, thread.contactId));
  if (!contact) throw new Error(`thread ${thread.id} has no contact`);
  const [booking] = thread.bookingId
    ? await ctx.db.select().from(bookings).where(eq(bookings.id, thread.bookingId))
    : [];
  const otherThreads = await selectThreadRows(
    ctx,
    and(eq(threads.contactId, contact.id), ne(threads.id, thread.id)),
    50,
  );
  return { row, contact, booking: booking ?? null, otherThreads };
}
