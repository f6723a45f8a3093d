import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
import { threads } from "@server/db/schema/index";
import { and, desc, eq, gte, isNull, ne, or, sql } from "drizzle-orm";
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
