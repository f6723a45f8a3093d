import type { DeliveryErrorRow } from "@contract/reports";
import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { sql } from "drizzle-orm";
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
  const tz = scope.zone(sql`p`);
  const rows = await queryRows<DeliveryErrorRow>(
    ctx.db,
    sql`select m.channel as "channel",
               coalesce(m.provider_error_code, m.error_code, 'UNKNOWN') as "providerErrorCode",
               max(m.error_code) as "errorCode", count(*)::int as "count",
               max(left(m.provider_error_text, 200)) as "sampleText"
          from message_logs m join threads t on t.id = m.thread_id left join properties p on p.id = t.property_id
         where m.direction = 'OUTBOUND' and m.status = 'FAILED' and ${scope.threads(sql`t`)}
           and ${scope.inRange(sql`m.created_at`, tz)}
         group by 1, 2
         order by 4 desc, 2, 1
         limit ${TOP_ERROR_CODES}`,
  );
  return { from: scope.from, to: scope.to, propertyId: scope.propertyId, rows };
}
