import type { Ctx } from "@server/context";
import { rateLimitCounters } from "@server/db/schema/index";
import { and, eq, lt, sql } from "drizzle-orm";

export type RateLimitResult = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the current window ends (when a refused caller may try again). */
  resetSeconds: number;
};

/**
 * Counts one request against `key` in a fixed window and says whether it is within `limit`. The count
 * is one atomic upsert in the database, so several instances on one PostgreSQL share the budget.
 */
export async function consumeRateLimit(
  ctx: Ctx,
  input: { key: string; limit: number; windowSeconds: number },
): Promise<RateLimitResult> {
  const windowMs = input.windowSeconds * 1000;
  const now = ctx.now().getTime();
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const [row] = await ctx.db
    .insert(rateLimitCounters)
    .values({ key: input.key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimitCounters.key, rateLimitCounters.windowStart],
      set: { count: sql`${rateLimitCounters.count} + 1` },
    })
    .returning({ count: rateLimitCounters.count });
  const count = row?.count ?? 1;
  // The first request of a window clears this key's older windows, so the table holds one row per key.
  if (count === 1) {
    await ctx.db
      .delete(rateLimitCounters)
      .where(and(eq(rateLimitCounters.key, input.key), lt(rateLimitCounters.windowStart, windowStart)));
  }
  return {
    allowed: count <= input.limit,
    limit: input.limit,
    remaining: Math.max(input.limit - count, 0),
    resetSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000)),
  };
}
