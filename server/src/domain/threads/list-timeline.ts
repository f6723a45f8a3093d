import type { Ctx } from "@server/context";
import { decodeCursor, encodeCursor } from "@server/db/cursor";
import { queryRows } from "@server/db/query-rows";
import {
  callLogs,
  emailMessages,
  messageLogs,
  staffUsers,
  threadEvents,
  threadNotes,
} from "@server/db/schema/index";
import { findQuotedMessages, type QuotedMessages } from "@server/domain/messages/find-quoted-messages";
import { validationFailed } from "@server/errors";
import { eq, inArray, sql } from "drizzle-orm";
import { getThread } from "./get-thread";
import { loadEventsWithNames, loadMessagesWithSenders, type TimelineActor } from "./timeline-actors";

export type TimelineEntry =
  | { kind: "message"; at: Date; row: typeof messageLogs.$inferSelect; sender: TimelineActor | null }
  | { kind: "call"; at: Date; row: typeof callLogs.$inferSelect }
  | { kind: "email"; at: Date; row: typeof emailMessages.$inferSelect }
  | {
      kind: "note";
      at: Date;
      row: typeof threadNotes.$inferSelect;
      author: { id: number; name: string } | null;
    }
  | {
      kind: "event";
      at: Date;
      row: typeof threadEvents.$inferSelect;
      actor: TimelineActor;
      /** Names of the staff the event's data mentions, by id. */
      names: Record<string, string>;
    };

type Key = { kind: TimelineEntry["kind"]; id: number; at: string | Date; at_text: string; rank: number };

// Within one instant, system events come before the item that caused them.
const RANK = { event: 0, message: 1, call: 2, email: 3, note: 4 } as const;

/**
 * A page of a thread's timeline (messages, calls, emails, private notes, system events), oldest first.
 * The first page holds the newest items; nextCursor pages back in time. Messages of the guest are
 * placed at the provider's time, everything else at when it happened here. `quoted`: the messages the
 * guest's replies on this page quote.
 */
export async function listTimeline(
  ctx: Ctx,
  input: { threadId: number; cursor?: string; limit: number },
): Promise<{ entries: TimelineEntry[]; nextCursor: string | null; quoted: QuotedMessages }> {
  const thread = await getThread(ctx, input.threadId);
  const id = thread.id;
  let before = sql``;
  if (input.cursor) {
    const parts = decodeCursor(input.cursor, ["string", "number", "number"]);
    if (!parts) throw validationFailed("cursor", "not a cursor from this timeline");
    before = sql`where (at, rank, id) < (${parts[0]}::timestamptz, ${parts[1]}, ${parts[2]})`;
  }
  const keys = await queryRows<Key>(
    ctx.db,
    sql`select kind, id, at, at::text as at_text, rank from (
      select 'message' as kind, ${RANK.message} as rank, id,
        case when direction = 'INBOUND' then coalesce(provider_timestamp, created_at) else created_at end as at
        from ${messageLogs} where thread_id = ${id}
      union all select 'call', ${RANK.call}, id, started_at from ${callLogs} where thread_id = ${id}
      union all select 'email', ${RANK.email}, id, sent_at from ${emailMessages} where thread_id = ${id}
      union all select 'note', ${RANK.note}, id, created_at from ${threadNotes} where thread_id = ${id}
      union all select 'event', ${RANK.event}, id::int, created_at from ${threadEvents} where thread_id = ${id}
    ) items ${before}
    order by at desc, rank desc, id desc limit ${input.limit + 1}`,
  );
  const page = keys.slice(0, input.limit);
  const last = page.at(-1);
  const nextCursor =
    keys.length > input.limit && last
      ? encodeCursor([last.at_text, Number(last.rank), Number(last.id)])
      : null;
  const entries = await loadEntries(ctx, page);
  const quoted = await findQuotedMessages(
    ctx,
    entries.flatMap((e) => (e.kind === "message" ? [e.row] : [])),
  );
  return { entries: entries.reverse(), nextCursor, quoted };
}

async function loadEntries(ctx: Ctx, keys: Key[]): Promise<TimelineEntry[]> {
  const ids = (kind: Key["kind"]) => keys.filter((k) => k.kind === kind).map((k) => Number(k.id));
  const [messages, calls, emails, notes, events] = await Promise.all([
    fetch(ids("message"), (list) => loadMessagesWithSenders(ctx, list)),
    fetch(ids("call"), (list) => ctx.db.select().from(callLogs).where(inArray(callLogs.id, list))),
    fetch(ids("email"), (list) => ctx.db.select().from(emailMessages).where(inArray(emailMessages.id, list))),
    fetch(ids("note"), (list) =>
      ctx.db
        .select({ note: threadNotes, authorName: staffUsers.name })
        .from(threadNotes)
        .leftJoin(staffUsers, eq(staffUsers.id, threadNotes.authorId))
        .where(inArray(threadNotes.id, list)),
    ),
    fetch(ids("event"), (list) => loadEventsWithNames(ctx, list)),
  ]);
  const entries: TimelineEntry[] = [];
  for (const key of keys) {
    const at = new Date(key.at);
    const id = Number(key.id);
    if (key.kind === "message")
      push(
        messages.find((m) => m.row.id === id),
        ({ row, sender }) => entries.push({ kind: "message", at, row, sender }),
      );
    if (key.kind === "call")
      push(
        calls.find((r) => r.id === id),
        (row) => entries.push({ kind: "call", at, row }),
      );
    if (key.kind === "email")
      push(
        emails.find((r) => r.id === id),
        (row) => entries.push({ kind: "email", at, row }),
      );
    if (key.kind === "event")
      push(
        events.find((e) => e.row.id === id),
        ({ row, actor, names }) => entries.push({ kind: "event", at, row, actor, names }),
      );
    if (key.kind === "note")
      push(
        notes.find((r) => r.note.id === id),
        ({ note, authorName }) =>
          entries.push({
            kind: "note",
            at,
            row: note,
            author:
              note.authorId !== null && authorName !== null ? { id: note.authorId, name: authorName } : null,
          }),
      );
  }
  return entries;
}

async function fetch<T>(ids: number[], load: (ids: number[]) => Promise<T[]>): Promise<T[]> {
  return ids.length ? load(ids) : [];
}

function push<T>(row: T | undefined, add: (row: T) => void): void {
  if (row !== undefined) add(row);
}
