import { type OverviewRow, type ReportGroupBy, WEEKDAYS } from "@contract/reports";
import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { type SQL, sql } from "drizzle-orm";
import { refreshReportRollups } from "./refresh-report-rollups";
import { type ReportRange, reportScope } from "./report-scope";

export type OverviewReportResult = {
  from: string;
  to: string;
  propertyId: number | null;
  groupBy: ReportGroupBy;
  rows: OverviewRow[];
};

/**
 * Conversations opened (threads created) and resolved (threads whose current resolution falls in the
 * range), and messages in and out per channel, per local day or per hour of the week.
 */
export async function getOverviewReport(
  ctx: Ctx,
  input: ReportRange & { groupBy: ReportGroupBy },
): Promise<OverviewReportResult> {
  const scope = reportScope(ctx, input);
  await refreshReportRollups(ctx);
  const bucketOfLocal = (local: SQL): SQL =>
    input.groupBy === "day"
      ? sql`to_char(${local}, 'YYYY-MM-DD')`
      : sql`((extract(isodow from ${local})::int - 1) * 24 + extract(hour from ${local})::int)::text`;
  const threadCounts = await queryRows<{ bucket: string; opened: number; resolved: number }>(
    ctx.db,
    sql`select ${bucketOfLocal(sql`r.hour`)} as bucket, sum(r.opened)::int as opened, sum(r.resolved)::int as resolved
          from report_thread_hours r
         where ${scope.threads(sql`r`)} and ${scope.hourInRange(sql`r`)}
         group by 1`,
  );
  const messageCounts = await queryRows<{ bucket: string; channel: string; direction: string; n: number }>(
    ctx.db,
    sql`select ${bucketOfLocal(sql`r.hour`)} as bucket, r.channel, r.direction, sum(r.messages)::int as n
          from report_message_hours r
         where ${scope.threads(sql`r`)} and ${scope.hourInRange(sql`r`)}
         group by 1, 2, 3`,
  );

  const rows = new Map<string, OverviewRow>();
  for (const key of bucketKeys(input)) rows.set(key, emptyRow(bucketLabel(input.groupBy, key)));
  const row = (key: string) => {
    let found = rows.get(key);
    if (!found) {
      found = emptyRow(bucketLabel(input.groupBy, key));
      rows.set(key, found);
    }
    return found;
  };
  for (const c of threadCounts) Object.assign(row(c.bucket), { opened: c.opened, resolved: c.resolved });
  for (const c of messageCounts) {
    const field =
      `${c.channel === "SMS" ? "sms" : "whatsapp"}${c.direction === "INBOUND" ? "In" : "Out"}` as const;
    row(c.bucket)[field] += c.n;
  }
  return {
    from: scope.from,
    to: scope.to,
    propertyId: scope.propertyId,
    groupBy: input.groupBy,
    rows: [...rows.values()],
  };
}

function emptyRow(bucket: string): OverviewRow {
  return { bucket, opened: 0, resolved: 0, whatsappIn: 0, whatsappOut: 0, smsIn: 0, smsOut: 0 };
}

/** Every bucket of the range in order, so a chart shows the quiet days and hours as zeros. */
function bucketKeys(input: ReportRange & { groupBy: ReportGroupBy }): string[] {
  if (input.groupBy === "hour-of-week") return Array.from({ length: 168 }, (_, i) => String(i));
  const keys: string[] = [];
  const end = Date.parse(`${input.to}T00:00:00Z`);
  for (let at = Date.parse(`${input.from}T00:00:00Z`); at <= end; at += 86_400_000)
    keys.push(new Date(at).toISOString().slice(0, 10));
  return keys;
}

function bucketLabel(groupBy: ReportGroupBy, key: string): string {
  if (groupBy === "day") return key;
  const index = Number(key);
  return `${WEEKDAYS[Math.floor(index / 24)]} ${String(index % 24).padStart(2, "0")}`;
}
