import type { SearchMatch } from "@contract/threads";
import type { Ctx } from "@server/context";
import { messageLogs } from "@server/db/schema/index";
import { and, desc, ilike, inArray } from "drizzle-orm";
import type { ThreadListRow } from "./select-thread-rows";

const SNIPPET_CONTEXT = 40;

/**
 * Why each searched row matched, so the inbox can say it ("booking GOA-1234", "phone …", a quote of the
 * message): the row's own fields first, then one matching message per remaining thread (page only).
 */
export async function describeSearchMatches(
  ctx: Ctx,
  rows: ThreadListRow[],
  search: string,
  phonePattern: string | null,
): Promise<Map<number, SearchMatch>> {
  const term = search.trim().toLowerCase();
  const phoneDigits = phonePattern?.slice(1, -1).replace(/\\(.)/g, "$1") ?? null;
  const matches = new Map<number, SearchMatch>();
  for (const row of rows) {
    const match = fieldMatch(row, term, phoneDigits);
    if (match) matches.set(row.thread.id, match);
  }
  const rest = rows.map((r) => r.thread.id).filter((id) => !matches.has(id));
  if (rest.length === 0) return matches;
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const messages = await ctx.db
    .select({ threadId: messageLogs.threadId, message: messageLogs.message })
    .from(messageLogs)
    .where(and(inArray(messageLogs.threadId, rest), ilike(messageLogs.message, pattern)))
    .orderBy(desc(messageLogs.createdAt))
    .limit(rest.length * 5);
  for (const m of messages) {
    if (m.threadId === null || m.message === null || matches.has(m.threadId)) continue;
    matches.set(m.threadId, { field: "message", value: snippet(m.message, term) });
  }
  return matches;
}

function fieldMatch(row: ThreadListRow, term: string, phoneDigits: string | null): SearchMatch | undefined {
  const has = (value: string | null): value is string => value?.toLowerCase().includes(term) ?? false;
  if (has(row.bookingReference)) return { field: "booking", value: row.bookingReference };
  if (phoneDigits && row.contact.phone?.includes(phoneDigits))
    return { field: "phone", value: row.contact.phone };
  if (has(row.contact.name)) return { field: "name", value: row.contact.name };
  if (has(row.contact.email)) return { field: "email", value: row.contact.email };
  return undefined;
}

function snippet(text: string, term: string): string {
  const at = text.toLowerCase().indexOf(term);
  if (at < 0) return text.slice(0, SNIPPET_CONTEXT * 2);
  const start = Math.max(0, at - SNIPPET_CONTEXT);
  const end = Math.min(text.length, at + term.length + SNIPPET_CONTEXT);
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}
