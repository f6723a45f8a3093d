import type { Ctx } from "@server/context";
import type { z } from "zod";

export type JobInfo = {
  id: number;
  queue: string;
  attempt: number;
  maxAttempts: number;
  signal: AbortSignal;
};

export type JobOutcome =
  | { status: "done" }
  /** Try again later. countAttempt false (pacing, an open circuit) gives the attempt back. */
  | { status: "retry"; error: string; delayMs?: number; countAttempt?: boolean }
  /** Give up now: the job goes to FAILED and onExhausted runs. */
  | { status: "failed"; error: string };

export type JobDefinition<P> = {
  /** The queue name, kebab-case verb phrase: `send-outbound-message`. */
  name: string;
  payload: z.ZodType<P>;
  maxAttempts?: number;
  /** Handlers of this queue running at once in one process. */
  concurrency?: number;
  /** A job whose worker stops heart-beating for this long is handed to another worker. */
  leaseMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** Must be idempotent: a job can run more than once (a worker dies after the effect, before completing). */
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing has succeeded.
  handle: (ctx: Ctx, payload: P, job: JobInfo) => Promise<JobOutcome | void>;
  /** Runs once when the job fails for good (attempts exhausted, "failed" outcome, bad payload). */
  onExhausted?: (ctx: Ctx, payload: P | undefined, error: string, job: JobInfo) => Promise<void>;
  /**
   * Claims up to `size` due jobs at once and hands them to `handle` together (one outcome per item, in
   * order); `concurrency` then counts batches. A batch whose handler throws is run again one job at a
   * time through `handle` above, so one bad job cannot fail its neighbours. A batch of one job goes
   * through `handle` directly.
   */
  batch?: { size: number; handle: (ctx: Ctx, items: Array<BatchItem<P>>) => Promise<JobOutcome[]> };
};

export type BatchItem<P> = { payload: P; job: JobInfo };

/** Declares a job; the identity function keeps the payload type tied to its schema. */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

/** Full-jitter exponential backoff (AWS): random between 0 and min(max, base · 2^attempt). */
export function backoffDelayMs(attempt: number, backoff: { baseMs: number; maxMs: number }): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(Math.random() * ceiling);
}
