import type { SearchMatch, ThreadListQuery } from "@contract/threads";
import type { Ctx } from "@server/context";
import { decodeCursor, encodeCursor } from "@server/db/cursor";
import {
  bookings,
  callLogs,
  contacts,
  emailMessages,
  messageLogs,
  threadLabels,
  threads,
} from "@server/db/schema/index";
import {
  breachingSoonCondition,
  slaCursor,
  slaCursorCondition,
  slaSortCondition,
} from "@server/domain/sla/sla-thread-order";
import { validationFailed } from "@server/errors";
import { and, eq, ilike, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { describeSearchMatches } from "./describe-search-matches";
import {
  mentionedCondition,
  mentionsCursor,
  mentionsCursorCondition,
  unreadMentionFlag,
} from "./mentions-filter";
import { selectThreadRows, type ThreadListRow } from "./select-thread-rows";
import { priorityRank } from "./set-thread-priority";
import { viewerUnreadCount } from "./viewer-unread";

/** A row of the inbox; when searching, with why it matched. */
export type SearchedThreadRow = ThreadListRow & { match?: SearchMatch };

/**
 * The inbox: threads the actor may see, filtered, newest activity first, a page at a time (keyset
 * cursor on activity time and id). `assignee: "me"` needs a staff actor (VALIDATION_FAILED otherwise).
 */
export async function listThreads(
  ctx: Ctx,
  query: ThreadListQuery,
): Promise<{ rows: SearchedThreadRow[]; nextCursor: string | null }> {
  const conditions: Array<SQL | undefined> = [
    query.propertyId === undefined ? undefined : eq(threads.propertyId, query.propertyId),
    query.status ? inArray(threads.status, query.status) : undefined,
    assigneeCondition(ctx, query.assignee),
    query.channel ? channelCondition(query.channel) : undefined,
    query.unread === undefined
      ? undefined
      : query.unread
        ? sql`${viewerUnreadCount(ctx)} > 0`
        : sql`${viewerUnreadCount(ctx)} = 0`,
    query.search ? searchCondition(query.search) : undefined,
    ...labelAndPriorityConditions(query),
    query.breachingSoon ? breachingSoonCondition(ctx.now()) : undefined,
    query.mentions ? mentionedCondition(ctx) : undefined,
    !query.mentions && query.sort === "sla" ? slaSortCondition() : undefined,
    query.cursor
      ? query.mentions
        ? mentionsCursorCondition(ctx, query.cursor)
        : query.sort === "sla"
          ? slaCursorCondition(query.cursor)
          : cursorCondition(query.cursor, query.sort)
      : undefined,
  ];
  const order = query.mentions ? { firstBy: unreadMentionFlag(ctx) } : (query.sort ?? "activity");
  const rows = await selectThreadRows(ctx, and(...conditions), query.limit + 1, order);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const more = rows.length > query.limit && last;
  const nextCursor = !more
    ? null
    : query.mentions
      ? await mentionsCursor(ctx, last)
      : order === "sla"
        ? slaCursor(last.thread)
        : encodeCursor(
            order === "priority"
              ? [last.thread.priority, last.cursorAt, last.thread.id]
              : [last.cursorAt, last.thread.id],
          );
  if (!query.search) return { rows: page, nextCursor };
  const matches = await describeSearchMatches(ctx, page, query.search, phoneSearchPattern(query.search));
  return { rows: page.map((r) => ({ ...r, match: matches.get(r.thread.id) })), nextCursor };
}

function assigneeCondition(ctx: Ctx, assignee: ThreadListQuery["assignee"]): SQL | undefined {
  if (assignee === undefined) return undefined;
  if (assignee === "none") return isNull(threads.assigneeId);
  if (assignee === "me") {
    if (ctx.actor.type !== "staff") throw validationFailed("assignee", "`me` needs a signed-in staff member");
    return eq(threads.assigneeId, ctx.actor.staffUserId);
  }
  return eq(threads.assigneeId, assignee);
}

function channelCondition(channel: NonNullable<ThreadListQuery["channel"]>): SQL {
  if (channel === "CALL")
    return sql`exists (select 1 from ${callLogs} where ${callLogs.threadId} = ${threads.id})`;
  if (channel === "EMAIL")
    return sql`exists (select 1 from ${emailMessages} where ${emailMessages.threadId} = ${threads.id})`;
  return sql`exists (select 1 from ${messageLogs} where ${messageLogs.threadId} = ${threads.id} and ${messageLogs.channel} = ${channel})`;
}

export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// Trigram indexes need three characters; shorter terms keep the activity-ordered walk, which stops at
// the first page of matches and suits terms that match a lot.
const TRIGRAM_MIN_LENGTH = 3;

function searchCondition(search: string): SQL | undefined {
  const pattern = likePattern(search);
  const phonePattern = phoneSearchPattern(search);
  if (search.trim().length < TRIGRAM_MIN_LENGTH) {
    return or(
      ilike(contacts.name, pattern),
      ilike(contacts.email, pattern),
      phonePattern ? sql`${contacts.phone} like ${phonePattern}` : undefined,
      sql`exists (select 1 from ${messageLogs} where ${messageLogs.threadId} = ${threads.id} and ${messageLogs.message} ilike ${pattern})`,
      ilike(bookings.reference, pattern),
    );
  }
  // A candidate set found through the trigram indexes (matching contacts' threads, plus threads with a
  // matching message), instead of probing every thread's messages in activity order (seconds at 100k).
  const phoneArm = phonePattern ? sql` or c.phone like ${phonePattern}` : sql``;
  return sql`${threads.id} in (
    select t.id from ${threads} t where t.contact_id in (
      select c.id from ${contacts} c where c.name ilike ${pattern} or c.email ilike ${pattern}${phoneArm}
    )
    union
    select m.thread_id from ${messageLogs} m where m.message ilike ${pattern} and m.thread_id is not null
    union
    select t.id from ${threads} t where t.booking_id in (select b.id from ${bookings} b where b.reference ilike ${pattern})
  )`;
}

/**
 * Phone digits as stored (country code, no "+"), found in any typing: "+91 98450 00098", "98450-00098",
 * "098450 00098" (a national trunk 0 is dropped). Null when too few digits to mean a number.
 */
export function phoneSearchPattern(search: string): string | null {
  const digits = search.replace(/\D/g, "").replace(/^0+/, "");
  if (digits.length < 3) return null;
  // Words with a few digits in them ("room 204") are text, not a phone number.
  if (/[a-z]/i.test(search) && digits.length < 6) return null;
  return likePattern(digits);
}

/** The label and priority filters (`label`, `priority`). */
export function labelAndPriorityConditions(query: Pick<ThreadListQuery, "label" | "priority">): SQL[] {
  const conditions: SQL[] = [];
  if (query.label !== undefined)
    conditions.push(
      sql`exists (select 1 from ${threadLabels} where ${threadLabels.threadId} = ${threads.id} and ${threadLabels.labelId} = ${query.label})`,
    );
  if (query.priority) conditions.push(inArray(threads.priority, query.priority.map(priorityRank)));
  return conditions;
}

function cursorCondition(cursor: string, sort: ThreadListQuery["sort"]): SQL {
  if (sort === "priority") {
    const parts = decodeCursor(cursor, ["number", "string", "number"]);
    if (!parts) throw validationFailed("cursor", "not a cursor from this list");
    const [priority, at, id] = parts;
    return sql`(${threads.priority}, ${threads.lastMessageAt}, ${threads.id}) < (${priority}, ${at}::timestamptz, ${id})`;
  }
  const parts = decodeCursor(cursor, ["string", "number"]);
  if (!parts) throw validationFailed("cursor", "not a cursor from this list");
  const [at, id] = parts;
  return sql`(${threads.lastMessageAt}, ${threads.id}) < (${at}::timestamptz, ${id})`;
}
