import type { Ctx } from "@server/context";
import { loginThrottles } from "@server/db/schema/index";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { ThrottleKey } from "./login-throttle-keys";

const STALE_AFTER_MS = 24 * 60 * 60_000;

/**
 * After a successful sign-in: clears the (email, address) pair and gives the address back the failure
 * its reservation counted. Also drops counters nobody touched for a day, so the table stays small.
 */
export async function releaseLoginAttempt(ctx: Ctx, keys: ThrottleKey[]): Promise<void> {
  const now = ctx.now();
  for (const key of keys) {
    if (key.scope === "ACCOUNT") {
      await ctx.db.delete(loginThrottles).where(eq(loginThrottles.keyHash, key.keyHash));
      continue;
    }
    await ctx.db
      .update(loginThrottles)
      .set({
        failures: sql`greatest(${loginThrottles.failures} - 1, 0)`,
        lockedUntil: sql`case when ${loginThrottles.failures} - 1 < ${ctx.config.auth.ipMaxFailures} then null else ${loginThrottles.lockedUntil} end`,
      })
      .where(eq(loginThrottles.keyHash, key.keyHash));
  }
  await ctx.db
    .delete(loginThrottles)
    .where(
      and(
        lt(loginThrottles.updatedAt, new Date(now.getTime() - STALE_AFTER_MS)),
        or(isNull(loginThrottles.lockedUntil), lt(loginThrottles.lockedUntil, now)),
      ),
    );
}
