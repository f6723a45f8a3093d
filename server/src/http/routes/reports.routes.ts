import {
  BusiestHourRow,
  DeliveryErrorRow,
  DeliveryRow,
  OverviewRow,
  type ReportName,
  ReportQuery,
  ResponseTimeRow,
  reportCsv,
} from "@contract/reports";
import type { Ctx } from "@server/context";
import type { Deps } from "@server/deps";
import { getBusiestHoursReport } from "@server/domain/reports/get-busiest-hours-report";
import { getDeliveryReport } from "@server/domain/reports/get-delivery-report";
import { getOverviewReport } from "@server/domain/reports/get-overview-report";
import { getResponseTimesReport } from "@server/domain/reports/get-response-times-report";
import { listDeliveryErrors } from "@server/domain/reports/list-delivery-errors";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";

type ReportResult = { from: string; to: string; rows: object[] };
type ReportRoute = {
  name: ReportName;
  /** The row schema: its keys are the CSV header, in order. */
  row: z.ZodObject;
  load: (ctx: Ctx, query: ReportQuery) => Promise<ReportResult>;
};

const range = (q: ReportQuery) => ({ from: q.from, to: q.to, propertyId: q.propertyId });

const REPORTS: ReportRoute[] = [
  {
    name: "overview",
    row: OverviewRow,
    load: (ctx, q) => getOverviewReport(ctx, { ...range(q), groupBy: q.groupBy }),
  },
  { name: "response-times", row: ResponseTimeRow, load: (ctx, q) => getResponseTimesReport(ctx, range(q)) },
  { name: "delivery", row: DeliveryRow, load: (ctx, q) => getDeliveryReport(ctx, range(q)) },
  { name: "delivery-errors", row: DeliveryErrorRow, load: (ctx, q) => listDeliveryErrors(ctx, range(q)) },
  { name: "busiest-hours", row: BusiestHourRow, load: (ctx, q) => getBusiestHoursReport(ctx, range(q)) },
];

/**
 * GET /api/reports/{overview,response-times,delivery,delivery-errors,busiest-hours}: managers for their
 * properties, admins for all. `format=csv` answers the same rows as CSV (header = the JSON rows' keys).
 */
export function reportsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    for (const report of REPORTS) {
      app.get(
        `/api/reports/${report.name}`,
        { schema: { querystring: ReportQuery } },
        async (request, reply) =>
          present(reply, request.query, report, await report.load(requestCtx(deps, request), request.query)),
      );
    }
  };
}

function present(reply: FastifyReply, query: ReportQuery, report: ReportRoute, result: ReportResult) {
  if (query.format === "json") return result;
  const scope = query.propertyId ? `-property-${query.propertyId}` : "";
  return reply
    .type("text/csv; charset=utf-8")
    .header(
      "content-disposition",
      `attachment; filename="${report.name}${scope}-${result.from}-to-${result.to}.csv"`,
    )
    .send(reportCsv(result.rows as Array<Record<string, unknown>>, Object.keys(report.row.shape)));
}
