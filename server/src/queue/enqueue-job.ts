import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { jobs } from "@server/db/schema/index";
import { onCommit } from "@server/db/transaction";
import { JOBS_CHANNEL } from "@server/realtime/channels";
import { type SQL, sql } from "drizzle-orm";

export type EnqueueOptions = {
  runAt?: Date;
  priority?: number;
  maxAttempts?: number;
  /** At most one queued-or-active job per key in this queue; a duplicate enqueue is a no-op. */
  singletonKey?: string;
};

/**
 * Adds a job in the caller's transaction (the transactional outbox: if the transaction rolls back, so
 * does the job) and wakes the local runner once it commits. Returns the job id, or undefined when a
 * job with the same singleton key is already queued or running.
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
  // Stored and announced to the other instances in one statement (NOTIFY goes out at commit).
  const [row] = await queryRows<{ id: number | string }>(
    ctx.db,
    sql`with job as (${insert.getSQL()}) select id, ${jobQueuedNotice(ctx, queue)} from job`,
  );
  if (!row) return undefined;
  onCommit(ctx, () => ctx.bus.notifyJobQueued(queue));
  return Number(row.id);
}

/**
 * The NOTIFY that wakes the workers of other instances for `queue`, as an SQL expression to put in
 * the statement that inserts the job (one round trip for both).
 */
export function jobQueuedNotice(ctx: Ctx, queue: string): SQL {
  return sql`pg_notify(${JOBS_CHANNEL}, ${`${ctx.bus.instanceId}:${queue}`})`;
}
