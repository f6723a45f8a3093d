import type { ThreadLabel } from "@contract/labels";
import type { Ctx } from "@server/context";
import {
  bookings,
  contacts,
  messageLogs,
  properties,
  staffUsers,
  threadReads,
  threads,
} from "@server/db/schema/index";
import { propertyCondition } from "@server/domain/access/property-scope";
import { slaOrder } from "@server/domain/sla/sla-thread-order";
import { and, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Thread } from "./get-thread";
import { listThreadLabels } from "./list-thread-labels";
import { readerCondition, viewerUnreadCount } from "./viewer-unread";

/** A thread with what the inbox shows beside it. */
export type ThreadListRow = {
  /** `unreadCount` here is the actor's own (viewer-unread.ts), not the thread's shared counter. */
  thread: Thread;
  contact: { id: number; name: string | null; phone: string | null; email: string | null };
  property: { id: number; code: string; name: string } | null;
  /** The property's IANA time zone; null when the thread has no property. */
  propertyTimezone: string | null;
  assignee: { id: number; name: string } | null;
  bookingReference: string | null;
  /** An outbound message failed and is not yet retried, superseded by a later delivered one, or dismissed. */
  hasFailedOutbound: boolean;
  /** The activity time exactly as stored (microseconds), for cursors. */
  cursorAt: string;
  labels: ThreadLabel[];
};

/**
 * Threads matching `where` that the actor may see, newest activity first, with their contact,
 * property, assignee and booking reference.
 */
export async function selectThreadRows(
  ctx: Ctx,
  where: SQL | undefined,
  limit = 100,
  order: "activity" | "priority" | "sla" | { firstBy: SQL } = "activity",
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
      viewerUnread: viewerUnreadCount(ctx),
    })
    .from(threads)
    .innerJoin(contacts, eq(contacts.id, threads.contactId))
    .leftJoin(properties, eq(properties.id, threads.propertyId))
    .leftJoin(staffUsers, eq(staffUsers.id, threads.assigneeId))
    .leftJoin(bookings, eq(bookings.id, threads.bookingId))
    .leftJoin(threadReads, readerCondition(ctx))
    .where(and(propertyCondition(ctx, threads.propertyId), where))
    .orderBy(
      ...(order === "sla"
        ? slaOrder()
        : [
            ...(order === "priority"
              ? [desc(threads.priority)]
              : typeof order === "object"
                ? [desc(order.firstBy)]
                : []),
            desc(threads.lastMessageAt),
            desc(threads.id),
          ]),
    )
    .limit(limit);
  const failed = await threadsWithFailedOutbound(
    ctx,
    rows.map((r) => r.thread.id),
  );
  const labelsByThread = await listThreadLabels(
    ctx,
    rows.map((r) => r.thread.id),
  );
  return rows.map((r) => ({
    thread: { ...r.thread, unreadCount: r.viewerUnread },
    contact: r.contact,
    property:
      r.propertyId !== null && r.propertyCode !== null && r.propertyName !== null
        ? { id: r.propertyId, code: r.propertyCode, name: r.propertyName }
        : null,
    propertyTimezone: r.propertyTimezone,
    assignee:
      r.assigneeId !== null && r.assigneeName !== null ? { id: r.assigneeId, name: r.assigneeName } : null,
    bookingReference: r.bookingReference,
    hasFailedOutbound: failed.has(r.thread.id),
    cursorAt: r.cursorAt,
    labels: labelsByThread.get(r.thread.id) ?? [],
  }));
}

/**
 * Which of these threads have an outbound message that failed and was not retried (a retry makes it
 * non-FAILED), dismissed, or superseded by a later outbound message that reached the guest. Asked for the
 * page's threads only, after the page is chosen, so the inbox's ordered walk stays cheap.
 */
async function threadsWithFailedOutbound(ctx: Ctx, threadIds: number[]): Promise<Set<number>> {
  if (threadIds.length === 0) return new Set();
  const rows = await ctx.db
    .selectDistinct({ threadId: messageLogs.threadId })
    .from(messageLogs)
    .where(
      and(
        inArray(messageLogs.threadId, threadIds),
        eq(messageLogs.direction, "OUTBOUND"),
        eq(messageLogs.status, "FAILED"),
        isNull(messageLogs.failureDismissedAt),
        sql`not exists (
          select 1 from ${messageLogs} d
          where d.thread_id = ${messageLogs.threadId} and d.direction = 'OUTBOUND'
            and d.status in ('DELIVERED', 'READ')
            and (d.created_at, d.id) > (${messageLogs.createdAt}, ${messageLogs.id})
        )`,
      ),
    );
  return new Set(rows.map((r) => r.threadId).filter((id): id is number => id !== null));
}
