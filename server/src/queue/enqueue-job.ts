import type { Ctx } from "@server/context";
import { jobs } from "@server/db/schema/index";
import { onCommit } from "@server/db/transaction";
import { sql } from "drizzle-orm";

export type EnqueueOptions = {
  runAt?: Date;
  priority?: number;
  maxAttempts?: number;
  /** At most one queued-or-active job per key in this queue; a duplicate enqueue is a no-op. */
  singletonKey?: string;
};

/**
 * Adds a job in the caller's transaction (the transactional outbox: if the transaction rolls back, so
 * does the job) and wakes the local runner once it commits (the cross-instance relay then wakes the
 * other instances with a coalesced NOTIFY outside the transaction). Returns the job id, or undefined
 * when a job with the same singleton key is already queued or running.
 */
export async function enqueueJob(
  ctx: Ctx,
  queue: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<number | undefined> {
  const insert = ctx.db
    .insert(jobs)
    .values({
      queue,
      payload: payload ?? {},
      runAt: options.runAt ?? sql`now()`,
      priority: options.priority ?? 0,
      maxAttempts: options.maxAttempts ?? 10,
      singletonKey: options.singletonKey ?? null,
    })
    .onConflictDoNothing({
      target: [jobs.queue, jobs.singletonKey],
      where: sql`${jobs.status} in ('QUEUED', 'ACTIVE')`,
    })
    .returning({ id: jobs.id });
  const [row] = await insert;
  if (!row) return undefined;
  onCommit(ctx, () => ctx.bus.notifyJobQueued(queue));
  return Number(row.id);
}
