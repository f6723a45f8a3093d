import type { Ctx } from "@server/context";
import { loginThrottles } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { eq, inArray } from "drizzle-orm";
import { loginThrottleKeys, type ThrottleKey } from "./login-throttle-keys";

export type LoginReservation =
  | { allowed: true; keys: ThrottleKey[] }
  | { allowed: false; retryAfterSeconds: number };

/**
 * Counts a sign-in attempt as a failure *before* the password is checked, under a row lock, so that
 * concurrent guesses on several instances cannot slip past the limit; a successful attempt hands its
 * count back with releaseLoginAttempt. A locked pair or address is refused without hashing anything.
 */
export async function reserveLoginAttempt(
  ctx: Ctx,
  input: { email: string; ip: string },
): Promise<LoginReservation> {
  const keys = loginThrottleKeys(input.email, input.ip);
  const now = ctx.now();
  const { maxFailures, ipMaxFailures, lockMs, ipWindowMs } = ctx.config.auth;
  return withTransaction(ctx, async (tx) => {
    await tx.db
      .insert(loginThrottles)
      .values(keys.map((k) => ({ ...k, failures: 0, windowStartedAt: now, updatedAt: now })))
      .onConflictDoNothing();
    const rows = await tx.db
      .select()
      .from(loginThrottles)
      .where(
        inArray(
          loginThrottles.keyHash,
          keys.map((k) => k.keyHash),
        ),
      )
      .orderBy(loginThrottles.keyHash)
      .for("update");

    const lockedUntil = Math.max(...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
    if (lockedUntil > now.getTime()) {
      return { allowed: false, retryAfterSeconds: Math.ceil((lockedUntil - now.getTime()) / 1000) };
    }
    for (const row of rows) {
      const [limit, windowMs] = row.scope === "ACCOUNT" ? [maxFailures, lockMs] : [ipMaxFailures, ipWindowMs];
      const fresh = row.lockedUntil !== null || row.windowStartedAt.getTime() + windowMs <= now.getTime();
      const failures = (fresh ? 0 : row.failures) + 1;
      await tx.db
        .update(loginThrottles)
        .set({
          failures,
          windowStartedAt: fresh ? now : row.windowStartedAt,
          lockedUntil: failures >= limit ? new Date(now.getTime() + lockMs) : null,
          updatedAt: now,
        })
        .where(eq(loginThrottles.keyHash, row.keyHash));
    }
    return { allowed: true, keys };
  });
}
