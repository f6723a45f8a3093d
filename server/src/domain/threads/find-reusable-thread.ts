import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
import { threads } from "@server/db/schema/index";
import { stashInTransaction, takeFromTransaction } from "@server/db/transaction-memo";
import { and, desc, eq, gte, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Thread } from "./get-thread";

/**
 * The contact's thread to continue: an unresolved one first, else one active within `reuseDays`;
 * the most recently active wins. With `propertyId`, only threads of that property (or not yet routed,
 * unless `routedOnly`).
 */
export async function findReusableThread(
  ctx: Ctx,
  input: { contactId: number; at: Date; reuseDays: number; propertyId?: number; routedOnly?: boolean },
): Promise<Thread | undefined> {
  const since = new Date(input.at.getTime() - input.reuseDays * 86_400_000);
  if (input.propertyId === undefined) {
    const stashed = takeFromTransaction<Thread>(ctx, REUSABLE_THREAD, String(input.contactId));
    // The stash was read for the batch's earliest message: this one's own window is checked again.
    if (stashed && (stashed.status !== "RESOLVED" || stashed.lastMessageAt.getTime() >= since.getTime()))
      return stashed;
    const [any] = await preparedQuery(ctx.db, "reusable_thread_of_contact", (db, name) =>
      db
        .select()
        .from(threads)
        .where(
          and(
            eq(threads.contactId, sql.placeholder("contactId")),
            or(ne(threads.status, "RESOLVED"), gte(threads.lastMessageAt, sql.placeholder("since"))),
          ),
        )
        .orderBy(sql`(${threads.status} <> 'RESOLVED') desc`, desc(threads.lastMessageAt), desc(threads.id))
        .limit(1)
        .prepare(name),
    ).execute({ contactId: input.contactId, since });
    return any;
  }
  const property =
    input.propertyId === undefined
      ? undefined
      : input.routedOnly
        ? eq(threads.propertyId, input.propertyId)
        : or(eq(threads.propertyId, input.propertyId), isNull(threads.propertyId));
  const [thread] = await ctx.db
    .select()
    .from(threads)
    .where(
      and(
        eq(threads.contactId, input.contactId),
        or(ne(threads.status, "RESOLVED"), gte(threads.lastMessageAt, since)),
        property,
      ),
    )
    .orderBy(sql`(${threads.status} <> 'RESOLVED') desc`, desc(threads.lastMessageAt), desc(threads.id))
    .limit(1);
  return thread;
}

const REUSABLE_THREAD = "reusable-thread";

/**
 * findReusableThread (without a property) for many contacts in one statement, kept for this
 * transaction: each contact's first findReusableThread takes its row instead of reading it. `at` is
 * the earliest of the items about to be linked: a thread reusable for it is the candidate for the later
 * ones too, which check it against their own time. Call holding the contacts' locks, as linkThread does.
 */
export async function stashReusableThreads(
  ctx: Ctx,
  input: { contactIds: number[]; at: Date; reuseDays: number },
): Promise<void> {
  if (input.contactIds.length === 0) return;
  const since = new Date(input.at.getTime() - input.reuseDays * 86_400_000);
  const rows = await ctx.db
    .selectDistinctOn([threads.contactId])
    .from(threads)
    .where(
      and(
        inArray(threads.contactId, input.contactIds),
        or(ne(threads.status, "RESOLVED"), gte(threads.lastMessageAt, since)),
      ),
    )
    .orderBy(
      threads.contactId,
      sql`(${threads.status} <> 'RESOLVED') desc`,
      desc(threads.lastMessageAt),
      desc(threads.id),
    );
  stashInTransaction(
    ctx,
    REUSABLE_THREAD,
    rows.map((thread) => [String(thread.contactId), thread] as const),
  );
}
