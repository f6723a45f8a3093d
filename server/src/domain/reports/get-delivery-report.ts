import type { DeliveryRow } from "@contract/reports";
import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { sql } from "drizzle-orm";
import { refreshReportRollups } from "./refresh-report-rollups";
import { type ReportRange, reportScope } from "./report-scope";

export type DeliveryReportResult = {
  from: string;
  to: string;
  propertyId: number | null;
  rows: DeliveryRow[];
};

/**
 * Outcomes of the outbound messages created in the range, per channel: where each one is now (pending,
 * sent, delivered, read, failed; sent counts delivered and read too) and the rates over the total.
 */
export async function getDeliveryReport(ctx: Ctx, input: ReportRange): Promise<DeliveryReportResult> {
  const scope = reportScope(ctx, input);
  await refreshReportRollups(ctx);
  const counts = await queryRows<{
    channel: "WHATSAPP" | "SMS";
    total: number;
    pending: number;
    sent: number;
    delivered: number;
    read: number;
    failed: number;
  }>(
    ctx.db,
    sql`select r.channel, coalesce(sum(r.messages), 0)::int as total,
               coalesce(sum(r.messages) filter (where r.status = 'PENDING'), 0)::int as pending,
               coalesce(sum(r.messages) filter (where r.status in ('SENT', 'DELIVERED', 'READ')), 0)::int as sent,
               coalesce(sum(r.messages) filter (where r.status in ('DELIVERED', 'READ')), 0)::int as delivered,
               coalesce(sum(r.messages) filter (where r.status = 'READ'), 0)::int as read,
               coalesce(sum(r.messages) filter (where r.status = 'FAILED'), 0)::int as failed
          from report_message_hours r
         where r.direction = 'OUTBOUND' and ${scope.threads(sql`r`)} and ${scope.hourInRange(sql`r`)}
         group by r.channel`,
  );
  const rate = (n: number, total: number) => (total === 0 ? 0 : Math.round((n / total) * 10_000) / 10_000);
  const rows = (["WHATSAPP", "SMS"] as const).map((channel): DeliveryRow => {
    const c = counts.find((r) => r.channel === channel) ?? {
      total: 0,
      pending: 0,
      sent: 0,
      delivered: 0,
      read: 0,
      failed: 0,
    };
    return {
      channel,
      total: c.total,
      pending: c.pending,
      sent: c.sent,
      delivered: c.delivered,
      read: c.read,
      failed: c.failed,
      sentRate: rate(c.sent, c.total),
      deliveredRate: rate(c.delivered, c.total),
      readRate: rate(c.read, c.total),
      failedRate: rate(c.failed, c.total),
    };
  });
  return { from: scope.from, to: scope.to, propertyId: scope.propertyId, rows };
}
