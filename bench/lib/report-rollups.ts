// The report rollups' own costs (ADR 0008), measured through a report request: a full rebuild (as right
// after the migration, or when the rollup state is lost) and the fold of a burst of changes that a request
// finds not yet rolled up (statuses changed, new messages, threads moved to another property).

import { REFRESH_MARGIN_MS } from "@server/domain/reports/refresh-report-rollups";
import type pg from "pg";
import { fmt } from "./harness";

export async function measureReportRollups(db: pg.Client, request: () => Promise<number>): Promise<string[]> {
  await db.query("delete from report_rollup_state");
  const rebuildMs = await request();
  const built = (
    await db.query(
      "select (select count(*) from report_message_hours)::int as hours, (select count(*) from report_error_hours)::int as errors, (select count(*) from report_threads)::int as threads",
    )
  ).rows[0];
  const steadyMs = await request();
  // About a minute of a busy hotel chain's traffic, all at once.
  const changed = await db.query(`update message_logs set status = 'READ', updated_at = now()
    where id in (select id from message_logs where direction = 'OUTBOUND' and status = 'DELIVERED'
                 order by created_at desc limit 1000)`);
  const inserted =
    await db.query(`insert into message_logs (contact_id, thread_id, channel, direction, status, phone, message, created_at)
    select t.contact_id, t.id, 'WHATSAPP', 'INBOUND', 'DELIVERED', 'bench', 'late arrival', now() - (t.id % 600) * interval '1 second'
      from threads t order by t.id desc limit 200`);
  const moved =
    await db.query(`update threads set property_id = (select max(id) from properties), updated_at = now()
    where id in (select id from threads where property_id <> (select max(id) from properties) order by id limit 20)`);
  const foldMs = await request();
  const afterMs = await request();
  // The table of every report below measures the steady state: no change left inside the margin.
  await new Promise((resolve) => setTimeout(resolve, REFRESH_MARGIN_MS + 5_000));
  return [
    `Rollups: ${built.hours.toLocaleString("en")} message rows (property × local hour × channel × direction × status), ${built.errors.toLocaleString("en")} error rows, ${built.threads.toLocaleString("en")} thread rows.`,
    "",
    "| overview, 30 days by day: one request | ms |",
    "|---|---|",
    `| rollups empty: the request rebuilds them from all messages | ${fmt(rebuildMs)} |`,
    `| nothing changed since the last refresh | ${fmt(steadyMs)} |`,
    `| ${changed.rowCount} statuses changed, ${inserted.rowCount} messages arrived, ${moved.rowCount} threads moved to another property since the last refresh | ${fmt(foldMs)} |`,
    `| the next request (the same changes, still inside the refresh's ${REFRESH_MARGIN_MS / 1000} s margin, are folded again) | ${fmt(afterMs)} |`,
    "",
  ];
}
