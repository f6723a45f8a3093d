import type { Ctx } from "@server/context";
import type { MessageRow } from "./send-message";

/** Attempts are counted from the latest (manual) queueing: a staff retry gets a fresh budget. */
export function retryBase(row: MessageRow): number {
  const base = (row.metadata as { retryBase?: unknown } | null)?.retryBase;
  return typeof base === "number" ? base : 0;
}

/** Whether the message has used its attempts or its time (SEND_MAX_ATTEMPTS, SEND_MAX_AGE_MINUTES). */
export function sendBudgetExhausted(ctx: Ctx, row: MessageRow): boolean {
  const queuedAt = (row.metadata as { queuedAt?: unknown } | null)?.queuedAt;
  const since = typeof queuedAt === "string" ? new Date(queuedAt) : row.createdAt;
  const { maxAttempts, maxAgeMs } = ctx.config.outbound;
  return row.attemptCount - retryBase(row) >= maxAttempts || ctx.now().getTime() - since.getTime() > maxAgeMs;
}
