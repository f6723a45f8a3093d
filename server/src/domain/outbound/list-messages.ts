import type { MessageListQuery } from "@contract/outbound";
import type { Ctx } from "@server/context";
import { decodeCursor, encodeCursor } from "@server/db/cursor";
import { messageLogs, threads } from "@server/db/schema/index";
import { propertyCondition } from "@server/domain/access/property-scope";
import { normalizePhone } from "@server/domain/contacts/normalize-phone";
import { findQuotedMessages, type QuotedMessages } from "@server/domain/messages/find-quoted-messages";
import { validationFailed } from "@server/errors";
import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { MessageRow } from "./send-message";

/**
 * Messages the actor may see (by their thread's property), filtered, newest first, a page at a time
 * (keyset cursor on creation time and id), with the messages the guest's replies among them quote.
 */
export async function listMessages(
  ctx: Ctx,
  query: MessageListQuery,
): Promise<{ rows: MessageRow[]; nextCursor: string | null; quoted: QuotedMessages }> {
  const conditions: Array<SQL | undefined> = [
    propertyCondition(ctx, threads.propertyId),
    query.phone ? eq(messageLogs.phone, normalizePhone(query.phone, ctx.config.defaultCountry)) : undefined,
    query.threadId === undefined ? undefined : eq(messageLogs.threadId, query.threadId),
    query.contactId === undefined ? undefined : eq(messageLogs.contactId, query.contactId),
    query.bookingId === undefined ? undefined : eq(messageLogs.bookingId, query.bookingId),
    query.channel ? eq(messageLogs.channel, query.channel) : undefined,
    query.direction ? eq(messageLogs.direction, query.direction) : undefined,
    query.status ? eq(messageLogs.status, query.status) : undefined,
    query.since ? gte(messageLogs.createdAt, new Date(query.since)) : undefined,
    query.until ? lt(messageLogs.createdAt, new Date(query.until)) : undefined,
    query.cursor ? cursorCondition(query.cursor) : undefined,
  ];
  const rows = await ctx.db
    .select({ message: messageLogs, cursorAt: sql<string>`${messageLogs.createdAt}::text` })
    .from(messageLogs)
    .leftJoin(threads, eq(threads.id, messageLogs.threadId))
    .where(and(...conditions))
    .orderBy(desc(messageLogs.createdAt), desc(messageLogs.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.message.id]) : null;
  const messages = page.map((r) => r.message);
  return { rows: messages, nextCursor, quoted: await findQuotedMessages(ctx, messages) };
}

function cursorCondition(cursor: string): SQL {
  const parts = decodeCursor(cursor, ["string", "number"]);
  if (!parts) throw validationFailed("cursor", "not a cursor from this list");
  const [at, id] = parts;
  return sql`(${messageLogs.createdAt}, ${messageLogs.id}) < (${at}::timestamptz, ${id})`;
}
