import {
  BusiestHourRow,
  DeliveryErrorRow,
  DeliveryRow,
  OverviewRow,
  ReportQuery,
  ResponseTimeRow,
  reportCsv,
} from "@contract/reports";
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

/**
 * GET /api/reports/{overview,response-times,delivery,delivery-errors,busiest-hours}: managers for their
 * properties, admins for all. `format=csv` answers the same rows as CSV (header = the JSON rows' keys).
 */
export function reportsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const present = <R extends { from: string; to: string; rows: object[] }>(
      reply: FastifyReply,
      query: ReportQuery,
      name: string,
      row: z.ZodObject,
      report: R,
    ) => {
      if (query.format === "json") return report;
      const scope = query.propertyId ? `-property-${query.propertyId}` : "";
      return reply
        .type("text/csv; charset=utf-8")
        .header(
          "content-disposition",
          `attachment; filename="${name}${scope}-${report.from}-to-${report.to}.csv"`,
        )
        .send(reportCsv(report.rows as Array<Record<string, unknown>>, Object.keys(row.shape)));
    };
    const range = (q: ReportQuery) => ({ from: q.from, to: q.to, propertyId: q.propertyId });

    app.get("/api/reports/overview", { schema: { querystring: ReportQuery } }, async (request, reply) =>
      present(
        reply,
        request.query,
        "overview",
        OverviewRow,
        await getOverviewReport(requestCtx(deps, request), {
          ...range(request.query),
          groupBy: request.query.groupBy,
        }),
      ),
    );
    app.get("/api/reports/response-times", { schema: { querystring: ReportQuery } }, async (request, reply) =>
      present(
        reply,
        request.query,
        "response-times",
        ResponseTimeRow,
        await getResponseTimesReport(requestCtx(deps, request), range(request.query)),
      ),
    );
    app.get("/api/reports/delivery", { schema: { querystring: ReportQuery } }, async (request, reply) =>
      present(
        reply,
        request.query,
        "delivery",
        DeliveryRow,
        await getDeliveryReport(requestCtx(deps, request), range(request.query)),
      ),
    );
    app.get(
      "/api/reports/delivery-errors",
      { schema: { querystring: ReportQuery } },
      async (request, reply) =>
        present(
          reply,
          request.query,
          "delivery-errors",
          DeliveryErrorRow,
          await listDeliveryErrors(requestCtx(deps, request), range(request.query)),
        ),
    );
    app.get("/api/reports/busiest-hours", { schema: { querystring: ReportQuery } }, async (request, reply) =>
      present(
        reply,
        request.query,
        "busiest-hours",
        BusiestHourRow,
        await getBusiestHoursReport(requestCtx(deps, request), range(request.query)),
      ),
    );
  };
}
