import { queryRows } from "@server/db/query-rows";
import type { Deps } from "@server/deps";
import { sql } from "drizzle-orm";

/**
 * /ready's "queue" line: whether this process runs jobs, and the backlog every instance shares (due jobs,
 * running jobs, the age of the oldest due one). A backlog does not make an instance unready: taking it out
 * of the load balancer would not drain the queue any faster.
 */
export function queueReadinessCheck(deps: Deps, runner: { isRunning: boolean } | undefined) {
  return {
    name: "queue",
    check: async () => {
      // Both counts ride the partial indexes on QUEUED and ACTIVE rows; completed jobs are not scanned.
      const [row] = await queryRows<{ due: number; active: number; lag: number }>(
        deps.database.db,
        sql`select
              (select count(*)::int from jobs where status = 'QUEUED' and run_at <= now()) as due,
              (select count(*)::int from jobs where status = 'ACTIVE') as active,
              (select coalesce(extract(epoch from now() - min(run_at)), 0)::float8
                 from jobs where status = 'QUEUED' and run_at <= now()) as lag`,
      );
      const backlog = `${row?.due ?? 0} due, ${row?.active ?? 0} running, oldest due ${Number(row?.lag ?? 0).toFixed(1)} s`;
      if (!runner) return { ok: true, detail: `no job runner in this process (role web); ${backlog}` };
      return runner.isRunning
        ? { ok: true, detail: `job runner running; ${backlog}` }
        : { ok: false, detail: `job runner stopped; ${backlog}` };
    },
  };
}
