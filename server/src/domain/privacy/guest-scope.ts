import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { sql } from "drizzle-orm";

export type GuestScope = {
  /** The contact and every duplicate merged into it (directly or through a chain). */
  contactIds: number[];
  threadIds: number[];
  messageIds: number[];
};

/** Every row id that belongs to one guest: their contact records, threads and messages. */
export async function findGuestScope(ctx: Ctx, contactId: number): Promise<GuestScope> {
  const contactRows = await queryRows<{ id: number }>(
    ctx.db,
    sql`with recursive guest(id) as (
        select ${contactId}::int
        union select c.id from contacts c join guest g on c.merged_into_id = g.id
      ) select id from guest order by id`,
  );
  const contactIds = contactRows.map((r) => Number(r.id));
  const list = idList(contactIds);
  const threadRows = await queryRows<{ id: number }>(
    ctx.db,
    sql`select id from threads where contact_id in (${list}) order by id`,
  );
  const threadIds = threadRows.map((r) => Number(r.id));
  const messageRows = await queryRows<{ id: number }>(
    ctx.db,
    sql`select id from message_logs where contact_id in (${list})
        or thread_id in (${idList(threadIds)}) order by id`,
  );
  return { contactIds, threadIds, messageIds: messageRows.map((r) => Number(r.id)) };
}

/** `1, 2, 3` for an IN list; `null` (matches nothing) when empty. */
export function idList(ids: readonly number[]) {
  return ids.length
    ? sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )
    : sql`null`;
}
