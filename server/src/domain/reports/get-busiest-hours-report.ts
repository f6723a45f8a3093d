import type { BusiestHourRow } from "@contract/reports";
import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { sql } from "drizzle-orm";
import { refreshReportRollups } from "./refresh-report-rollups";
import { type ReportRange, reportScope } from "./report-scope";

export type BusiestHoursReportResult = {
  from: string;
  to: string;
  propertyId: number | null;
  rows: BusiestHourRow[];
};

/** Inbound (guest) messages per local day of the week × hour, in each property's own time zone. */
export async function getBusiestHoursReport(ctx: Ctx, input: ReportRange): Promise<BusiestHoursReportResult> {
  const scope = reportScope(ctx, input);
  await refreshReportRollups(ctx);
  const counts = await queryRows<{ dow: number; hour: number; n: number }>(
    ctx.db,
    sql`select extract(isodow from r.hour)::int as dow, extract(hour from r.hour)::int as hour, sum(r.messages)::int as n
          from report_message_hours r
         where r.direction = 'INBOUND' and ${scope.threads(sql`r`)} and ${scope.hourInRange(sql`r`)}
         group by 1, 2`,
  );
  const cells = new Map(counts.map((c) => [`${c.dow}:${c.hour}`, c.n]));
  const rows: BusiestHourRow[] = [];
  for (let dayOfWeek = 1; dayOfWeek <= 7; dayOfWeek++)
    for (let hour = 0; hour < 24; hour++)
      rows.push({ dayOfWeek, hour, inbound: cells.get(`${dayOfWeek}:${hour}`) ?? 0 });
  return { from: scope.from, to: scope.to, propertyId: scope.propertyId, rows };
}
