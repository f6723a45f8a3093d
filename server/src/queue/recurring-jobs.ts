import { systemActor } from "@server/context";
import { createCtx, type Deps } from "@server/deps";
import { enqueueJob } from "./enqueue-job";

export type RecurringJob = { queue: string; everyMs: number };

/**
 * Queues one run of each recurring job, as a singleton: with several workers (or a run still going)
 * at most one is queued per job.
 */
export async function queueRecurringJobs(deps: Deps, recurring: RecurringJob[]): Promise<void> {
  const ctx = createCtx(deps, systemActor("scheduler"));
  for (const job of recurring) {
    await enqueueJob(ctx, job.queue, {}, { singletonKey: "recurring", maxAttempts: 3 });
  }
}

/** Queues each recurring job now and then every `everyMs`; returns a function that stops the timers. */
export function startRecurringJobs(deps: Deps, recurring: RecurringJob[]): () => void {
  const queue = (job: RecurringJob) =>
    void queueRecurringJobs(deps, [job]).catch((err) =>
      deps.log.warn({ err, queue: job.queue }, "could not queue a recurring job"),
    );
  const timers = recurring.map((job) => {
    queue(job);
    const timer = setInterval(() => queue(job), job.everyMs);
    timer.unref();
    return timer;
  });
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
