import type { Ctx } from "@server/context";
import { sql } from "drizzle-orm";

/**
 * Serializes, per provider message id, "a status arrives" with "the send result stores the id": whichever
 * comes second sees the other's commit, so a status can never be held after its message became known.
 * Locks are taken in sorted order so two transactions cannot deadlock on them.
 */
export async function lockProviderIds(ctx: Ctx, ids: Array<string | null | undefined>): Promise<void> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))].sort();
  const keys = unique.map((id) => `provider-id:${id}`).filter((key) => !ctx.heldLocks?.has(key));
  if (keys.length === 0) return;
  // One round trip for all of them; unnest yields the keys in the array's (sorted) order.
  const list = sql.join(
    keys.map((key) => sql`${key}`),
    sql`, `,
  );
  await ctx.db.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(key, 0)) from unnest(array[${list}]::text[]) as key`,
  );
  for (const key of keys) ctx.heldLocks?.add(key);
}
