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
  const held = `${namespace}\u0000${typeof key}:${key}`;
  if (ctx.heldLocks?.has(held)) return;
  const second = typeof key === "number" ? sql`${key}::int4` : sql`hashtext(${key})`;
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${namespace}), ${second})`);
  ctx.heldLocks?.add(held);
}
