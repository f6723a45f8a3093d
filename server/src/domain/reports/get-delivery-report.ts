import type { DeliveryRow } from "@contract/reports";
import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { sql } from "drizzle-orm";
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
  const tz = scope.zone(sql`p`);
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
    sql`select m.channel, count(*)::int as total,
               count(*) filter (where m.status = 'PENDING')::int as pending,
               count(*) filter (where m.status in ('SENT', 'DELIVERED', 'READ'))::int as sent,
               count(*) filter (where m.status in ('DELIVERED', 'READ'))::int as delivered,
               count(*) filter (where m.status = 'READ')::int as read,
               count(*) filter (where m.status = 'FAILED')::int as failed
          from message_logs m join threads t on t.id = m.thread_id left join properties p on p.id = t.property_id
         where m.direction = 'OUTBOUND' and ${scope.threads(sql`t`)} and ${scope.inRange(sql`m.created_at`, tz)}
         group by m.channel`,
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
