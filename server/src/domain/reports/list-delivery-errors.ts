import type { DeliveryErrorRow } from "@contract/reports";
import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { sql } from "drizzle-orm";
import { refreshReportRollups } from "./refresh-report-rollups";
import { type ReportRange, reportScope } from "./report-scope";

const TOP_ERROR_CODES = 10;

export type DeliveryErrorsResult = {
  from: string;
  to: string;
  propertyId: number | null;
  rows: DeliveryErrorRow[];
};

/**
 * The most frequent provider error codes (Gupshup's or Meta's, as sent; our mapped code when the provider
 * gave none) among outbound messages created in the range that failed, most frequent first.
 */
export async function listDeliveryErrors(ctx: Ctx, input: ReportRange): Promise<DeliveryErrorsResult> {
  const scope = reportScope(ctx, input);
  await refreshReportRollups(ctx);
  const rows = await queryRows<DeliveryErrorRow>(
    ctx.db,
    sql`select r.channel as "channel", r.provider_error_code as "providerErrorCode",
               max(r.error_code) as "errorCode", sum(r.messages)::int as "count", max(r.sample_text) as "sampleText"
          from report_error_hours r
         where ${scope.threads(sql`r`)} and ${scope.hourInRange(sql`r`)}
         group by 1, 2
         order by 4 desc, 2, 1
         limit ${TOP_ERROR_CODES}`,
  );
  return { from: scope.from, to: scope.to, propertyId: scope.propertyId, rows };
}
