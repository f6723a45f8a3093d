import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { type SQL, sql } from "drizzle-orm";

export const APPLY_RETENTION_QUEUE = "apply-retention";

export type RetentionKind = "webhook_events" | "jobs" | "realtime_events" | "audit_logs";

export type RetentionPolicy = {
  webhookDays: number;
  jobsDays: number;
  eventsDays: number;
  auditDays: number;
  /** Rows deleted per statement: each is a short transaction of its own, never a long lock. */
  batchSize: number;
  /** Statements per kind in one run; what is left waits for the next run. */
  maxBatches: number;
};

const DAY_MS = 86_400_000;

/**
 * Deletes rows past their retention period, in bounded batches: processed (or ignored) raw webhook
 * bodies, completed jobs, realtime events and audit entries. Parked callbacks (FAILED, UNPARSEABLE) and
 * jobs still queued, running or failed are kept whatever their age. Returns the rows removed per kind.
 */
export async function applyRetention(
  ctx: Ctx,
  policy: RetentionPolicy,
): Promise<Record<RetentionKind, number>> {
  const now = ctx.now().getTime();
  const cutoff = (days: number) => new Date(now - days * DAY_MS).toISOString();
  const rules: Record<RetentionKind, SQL> = {
    webhook_events: sql`select id from webhook_events where status in ('PROCESSED', 'IGNORED')
      and coalesce(processed_at, received_at) < ${cutoff(policy.webhookDays)}`,
    jobs: sql`select id from jobs where status = 'COMPLETED'
      and coalesce(completed_at, updated_at) < ${cutoff(policy.jobsDays)}`,
    realtime_events: sql`select id from realtime_events where created_at < ${cutoff(policy.eventsDays)}`,
    audit_logs: sql`select id from audit_logs where at < ${cutoff(policy.auditDays)}`,
  };
  const removed = { webhook_events: 0, jobs: 0, realtime_events: 0, audit_logs: 0 };
  for (const kind of Object.keys(rules) as RetentionKind[]) {
    for (let batch = 0; batch < policy.maxBatches; batch += 1) {
      const rows = await queryRows<{ id: number | string }>(
        ctx.db,
        sql`delete from ${sql.identifier(kind)} where id in (${rules[kind]} order by id limit ${policy.batchSize})
          returning id`,
      );
      removed[kind] += rows.length;
      if (rows.length < policy.batchSize) break;
    }
  }
  if (Object.values(removed).some((n) => n > 0)) ctx.log.info({ removed }, "retention removed old rows");
  return removed;
}
