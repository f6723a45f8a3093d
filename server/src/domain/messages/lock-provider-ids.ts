import type { Ctx } from "@server/context";
import { sql } from "drizzle-orm";

/**
 * Serializes, per provider message id, "a status arrives" with "the send result stores the id": whichever
 * comes second sees the other's commit, so a status can never be held after its message became known.
 * Locks are taken in sorted order so two transactions cannot deadlock on them.
 */
export async function lockProviderIds(ctx: Ctx, ids: Array<string | null | undefined>): Promise<void> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))].sort();
  for (const id of unique) {
    await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`provider-id:${id}`}, 0))`);
  }
}
