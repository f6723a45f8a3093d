import { IdParams } from "@contract/common";
import { CsatReport, CsatReportRow, CsatSettingsBody, CsatSettingsResponse } from "@contract/csat";
import { ReportQuery, reportCsv } from "@contract/reports";
import type { Deps } from "@server/deps";
import { getCsatSettings, saveCsatSettings } from "@server/domain/csat/csat-settings";
import { getCsatReport } from "@server/domain/csat/get-csat-report";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/**
 * GET/PUT /api/properties/:id/csat (admins; managers for their properties) and GET /api/reports/csat
 * (scoped like every report; `format=csv` answers the same row as CSV).
 */
export function csatRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/properties/:id/csat",
      { schema: { params: IdParams, response: { 200: CsatSettingsResponse } } },
      async (request) => ({
        settings: await getCsatSettings(requestCtx(deps, request), { propertyId: request.params.id }),
      }),
    );

    app.put(
      "/api/properties/:id/csat",
      { schema: { params: IdParams, body: CsatSettingsBody, response: { 200: CsatSettingsResponse } } },
      async (request) => ({
        settings: await saveCsatSettings(requestCtx(deps, request), {
          propertyId: request.params.id,
          values: request.body,
        }),
      }),
    );

    app.get("/api/reports/csat", { schema: { querystring: ReportQuery } }, async (request, reply) => {
      const query = request.query;
      const report = CsatReport.parse(
        await getCsatReport(requestCtx(deps, request), {
          from: query.from,
          to: query.to,
          propertyId: query.propertyId,
        }),
      );
      if (query.format === "json") return report;
      const scope = query.propertyId ? `-property-${query.propertyId}` : "";
      return reply
        .type("text/csv; charset=utf-8")
        .header(
          "content-disposition",
          `attachment; filename="csat${scope}-${report.from}-to-${report.to}.csv"`,
        )
        .send(reportCsv(report.rows, Object.keys(CsatReportRow.shape)));
    });
  };
}
