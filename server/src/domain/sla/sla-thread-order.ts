import { decodeCursor, encodeCursor } from "@server/db/cursor";
import { threads } from "@server/db/schema/index";
import type { Thread } from "@server/domain/threads/get-thread";
import { validationFailed } from "@server/errors";
import { asc, type SQL, sql } from "drizzle-orm";

/** "Breaching soon" means due within this long (or already past due). */
export const BREACHING_SOON_MS = 60 * 60_000;

/** The inbox's "breaching soon" filter: a running target due within the hour or overdue. */
export function breachingSoonCondition(now: Date): SQL {
  return sql`${threads.slaDueAt} <= ${new Date(now.getTime() + BREACHING_SOON_MS).toISOString()}::timestamptz`;
}

/**
 * The "sla" sort lists threads with a running target only, the one due first on top (overdue ones
 * first of all), on the partial index threads_sla_due_idx.
 */
export const slaSortCondition = (): SQL => sql`${threads.slaDueAt} is not null`;
export const slaOrder = (): SQL[] => [asc(threads.slaDueAt), asc(threads.id)];

export function slaCursor(thread: Thread): string {
  return encodeCursor([thread.slaDueAt?.toISOString() ?? "", thread.id]);
}

export function slaCursorCondition(cursor: string): SQL {
  const parts = decodeCursor(cursor, ["string", "number"]);
  if (!parts) throw validationFailed("cursor", "not a cursor from this list");
  const [dueAt, id] = parts;
  return sql`(${threads.slaDueAt}, ${threads.id}) > (${dueAt}::timestamptz, ${id})`;
}
