import type { ThreadListQuery } from "@contract/threads";
import type { Ctx } from "@server/context";
import { decodeCursor, encodeCursor } from "@server/db/cursor";
import { callLogs, contacts, emailMessages, messageLogs, threads } from "@server/db/schema/index";
import { validationFailed } from "@server/errors";
import { and, eq, gt, ilike, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { selectThreadRows, type ThreadListRow } from "./select-thread-rows";

/**
 * The inbox: threads the actor may see, filtered, newest activity first, a page at a time (keyset
 * cursor on activity time and id). `assignee: "me"` needs a staff actor (VALIDATION_FAILED otherwise).
 */
export async function listThreads(
  ctx: Ctx,
  query: ThreadListQuery,
): Promise<{ rows: ThreadListRow[]; nextCursor: string | null }> {
  const conditions: Array<SQL | undefined> = [
    query.propertyId === undefined ? undefined : eq(threads.propertyId, query.propertyId),
    query.status ? inArray(threads.status, query.status) : undefined,
    assigneeCondition(ctx, query.assignee),
    query.channel ? channelCondition(query.channel) : undefined,
    query.unread === undefined
      ? undefined
      : query.unread
        ? gt(threads.unreadCount, 0)
        : eq(threads.unreadCount, 0),
    query.search ? searchCondition(query.search) : undefined,
    query.cursor ? cursorCondition(query.cursor) : undefined,
  ];
  const rows = await selectThreadRows(ctx, and(...conditions), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.thread.id]) : null;
  return { rows: page, nextCursor };
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

function searchCondition(search: string): SQL | undefined {
  const pattern = likePattern(search);
  const digits = search.replace(/\D/g, "");
  return or(
    ilike(contacts.name, pattern),
    ilike(contacts.email, pattern),
    digits.length >= 3 ? sql`${contacts.phone} like ${likePattern(digits)}` : undefined,
    sql`exists (select 1 from ${messageLogs} where ${messageLogs.threadId} = ${threads.id} and ${messageLogs.message} ilike ${pattern})`,
  );
}

function cursorCondition(cursor: string): SQL {
  const parts = decodeCursor(cursor, ["string", "number"]);
  if (!parts) throw validationFailed("cursor", "not a cursor from this list");
  const [at, id] = parts;
  return sql`(${threads.lastMessageAt}, ${threads.id}) < (${at}::timestamptz, ${id})`;
}
