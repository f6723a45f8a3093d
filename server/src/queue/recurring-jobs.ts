import { systemActor } from "@server/context";
import { createCtx, type Deps } from "@server/deps";
import { enqueueJob } from "./enqueue-job";

export type RecurringJob = { queue: string; everyMs: number };

/**
 * Queues each recurring job now and then every `everyMs`, as a singleton: with several workers (or a
 * sweep still running) at most one is queued. Returns a function that stops the timers.
 */
export function startRecurringJobs(deps: Deps, recurring: RecurringJob[]): () => void {
  const ctx = createCtx(deps, systemActor("scheduler"));
  const queue = (job: RecurringJob) =>
    void enqueueJob(ctx, job.queue, {}, { singletonKey: "recurring", maxAttempts: 3 }).catch((err) =>
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
