import type { CsatReport, CsatReportRow } from "@contract/csat";
import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { type ReportRange, reportScope } from "@server/domain/reports/report-scope";
import { sql } from "drizzle-orm";

/**
 * Guest satisfaction over the surveys sent in the range (local dates of each property), with the same
 * scoping as the other reports: how many went out and were answered, the average and each rating's count.
 */
export async function getCsatReport(ctx: Ctx, input: ReportRange): Promise<CsatReport> {
  const scope = reportScope(ctx, input);
  const tz = scope.zone(sql`p`);
  const [c] = await queryRows<{
    sent: number;
    responses: number;
    average: number | string | null;
    rated1: number;
    rated2: number;
    rated3: number;
    rated4: number;
    rated5: number;
  }>(
    ctx.db,
    sql`select count(*)::int as sent, count(s.rating)::int as responses,
               round(avg(s.rating), 2)::float8 as average,
               count(*) filter (where s.rating = 1)::int as rated1,
               count(*) filter (where s.rating = 2)::int as rated2,
               count(*) filter (where s.rating = 3)::int as rated3,
               count(*) filter (where s.rating = 4)::int as rated4,
               count(*) filter (where s.rating = 5)::int as rated5
          from csat_surveys s join threads t on t.id = s.thread_id left join properties p on p.id = t.property_id
         where s.sent_at is not null and ${scope.threads(sql`t`)} and ${scope.inRange(sql`s.sent_at`, tz)}`,
  );
  const sent = c?.sent ?? 0;
  const responses = c?.responses ?? 0;
  const row: CsatReportRow = {
    sent,
    responses,
    responseRate: sent === 0 ? null : Math.round((responses / sent) * 10_000) / 10_000,
    average: c?.average === null || c?.average === undefined ? null : Number(c.average),
    rated1: c?.rated1 ?? 0,
    rated2: c?.rated2 ?? 0,
    rated3: c?.rated3 ?? 0,
    rated4: c?.rated4 ?? 0,
    rated5: c?.rated5 ?? 0,
  };
  return { from: scope.from, to: scope.to, propertyId: scope.propertyId, rows: [row] };
}
