import type { SlaAttainmentRow, SlaKind } from "@contract/sla";
import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { type ReportRange, reportScope } from "@server/domain/reports/report-scope";
import { sql } from "drizzle-orm";

const KINDS: SlaKind[] = ["FIRST_RESPONSE", "NEXT_RESPONSE", "RESOLUTION"];

/**
 * SLA attainment: for each target, how many ended in the range (met in time, or breached; by the
 * property's local dates) and the share met. Same scoping as the other reports.
 */
export async function getSlaReport(
  ctx: Ctx,
  input: ReportRange,
): Promise<{ from: string; to: string; propertyId: number | null; rows: SlaAttainmentRow[] }> {
  const scope = reportScope(ctx, input);
  const tz = scope.zone(sql`p`);
  const counts = await queryRows<{ kind: SlaKind; met: number; breached: number }>(
    ctx.db,
    sql`select o.kind,
               count(*) filter (where o.outcome = 'MET')::int as met,
               count(*) filter (where o.outcome = 'BREACHED')::int as breached
          from sla_outcomes o left join properties p on p.id = o.property_id
         where ${scope.threads(sql`o`)} and ${scope.inRange(sql`o.at`, tz)}
         group by o.kind`,
  );
  const rows = KINDS.map((kind): SlaAttainmentRow => {
    const c = counts.find((r) => r.kind === kind) ?? { met: 0, breached: 0 };
    const total = c.met + c.breached;
    return {
      kind,
      met: c.met,
      breached: c.breached,
      attainmentPercent: total === 0 ? null : Math.round((c.met / total) * 1000) / 10,
    };
  });
  return { from: scope.from, to: scope.to, propertyId: scope.propertyId, rows };
}
