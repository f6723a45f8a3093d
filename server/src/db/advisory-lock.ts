import type { Ctx } from "@server/context";
import { sql } from "drizzle-orm";

/**
 * Takes a transaction-scoped advisory lock on (namespace, key), waiting for whoever holds it; it is
 * released when the surrounding transaction ends. Call it inside withTransaction: outside one the
 * lock would be released at once. String keys are hashed, so unrelated keys may rarely share a lock
 * (they then merely wait for each other). A lock the transaction already holds costs no round trip:
 * verbs that compose (linkThread, then recordThreadActivity) each take the contact's lock.
 */
export async function lockAdvisory(ctx: Ctx, namespace: string, key: number | string): Promise<void> {
  const held = heldKey(namespace, key);
  if (ctx.heldLocks?.has(held)) return;
  const second = typeof key === "number" ? sql`${key}::int4` : sql`hashtext(${key})`;
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${namespace}), ${second})`);
  ctx.heldLocks?.add(held);
}

/**
 * lockAdvisory for many string keys of one namespace, in one round trip and in sorted order, so two
 * transactions locking overlapping sets this way cannot deadlock on them.
 */
export async function lockAdvisoryKeys(ctx: Ctx, namespace: string, keys: string[]): Promise<void> {
  const missing = [...new Set(keys)].sort().filter((key) => !ctx.heldLocks?.has(heldKey(namespace, key)));
  if (missing.length === 0) return;
  const list = sql.join(
    missing.map((key) => sql`${key}`),
    sql`, `,
  );
  // unnest yields the keys in the array's (sorted) order.
  await ctx.db.execute(
    sql`select pg_advisory_xact_lock(hashtext(${namespace}), hashtext(key)) from unnest(array[${list}]::text[]) as key`,
  );
  for (const key of missing) ctx.heldLocks?.add(heldKey(namespace, key));
}

/** lockAdvisory for many numeric keys of one namespace, in one round trip and in ascending order. */
export async function lockAdvisoryIds(ctx: Ctx, namespace: string, ids: number[]): Promise<void> {
  const missing = [...new Set(ids)]
    .sort((a, b) => a - b)
    .filter((id) => !ctx.heldLocks?.has(heldKey(namespace, id)));
  if (missing.length === 0) return;
  const list = sql.join(
    missing.map((id) => sql`${id}`),
    sql`, `,
  );
  await ctx.db.execute(
    sql`select pg_advisory_xact_lock(hashtext(${namespace}), id) from unnest(array[${list}]::int4[]) as id`,
  );
  for (const id of missing) ctx.heldLocks?.add(heldKey(namespace, id));
}

/**
 * Counts the lock on (namespace, id) as held without a round trip, for the id of a row this transaction
 * has just inserted: no other transaction can know that id before the commit, which would release the
 * lock anyway, so taking it would wait for no one.
 */
export function holdLockOnNewRow(ctx: Ctx, namespace: string, id: number): void {
  ctx.heldLocks?.add(heldKey(namespace, id));
}

const heldKey = (namespace: string, key: number | string) => `${namespace}\u0000${typeof key}:${key}`;
