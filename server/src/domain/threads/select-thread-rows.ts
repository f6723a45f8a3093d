import type { Ctx } from "@server/context";
import { bookings, contacts, properties, staffUsers, threads } from "@server/db/schema/index";
import { propertyCondition } from "@server/domain/access/property-scope";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Thread } from "./get-thread";

/** A thread with what the inbox shows beside it. */
export type ThreadListRow = {
  thread: Thread;
  contact: { id: number; name: string | null; phone: string | null; email: string | null };
  property: { id: number; code: string; name: string } | null;
  /** The property's IANA time zone; null when the thread has no property. */
  propertyTimezone: string | null;
  assignee: { id: number; name: string } | null;
  bookingReference: string | null;
  /** The activity time exactly as stored (microseconds), for cursors. */
  cursorAt: string;
};

/**
 * Threads matching `where` that the actor may see, newest activity first, with their contact,
 * property, assignee and booking reference.
 */
export async function selectThreadRows(
  ctx: Ctx,
  where: SQL | undefined,
  limit = 100,
): Promise<ThreadListRow[]> {
  const rows = await ctx.db
    .select({
      thread: threads,
      contact: { id: contacts.id, name: contacts.name, phone: contacts.phone, email: contacts.email },
      propertyId: properties.id,
      propertyCode: properties.code,
      propertyName: properties.name,
      propertyTimezone: properties.timezone,
      assigneeId: staffUsers.id,
      assigneeName: staffUsers.name,
      bookingReference: bookings.reference,
      cursorAt: sql<string>`${threads.lastMessageAt}::text`,
    })
    .from(threads)
    .innerJoin(contacts, eq(contacts.id, threads.contactId))
    .leftJoin(properties, eq(properties.id, threads.propertyId))
    .leftJoin(staffUsers, eq(staffUsers.id, threads.assigneeId))
    .leftJoin(bookings, eq(bookings.id, threads.bookingId))
    .where(and(propertyCondition(ctx, threads.propertyId), where))
    .orderBy(desc(threads.lastMessageAt), desc(threads.id))
    .limit(limit);
  return rows.map((r) => ({
    thread: r.thread,
    contact: r.contact,
    property:
      r.propertyId !== null && r.propertyCode !== null && r.propertyName !== null
        ? { id: r.propertyId, code: r.propertyCode, name: r.propertyName }
        : null,
    propertyTimezone: r.propertyTimezone,
    assignee:
      r.assigneeId !== null && r.assigneeName !== null ? { id: r.assigneeId, name: r.assigneeName } : null,
    bookingReference: r.bookingReference,
    cursorAt: r.cursorAt,
  }));
}
