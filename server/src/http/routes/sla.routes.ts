import { IdParams } from "@contract/common";
import { ReportQuery, reportCsv } from "@contract/reports";
import { PutSlaPoliciesBody, SlaAttainmentRow, SlaPoliciesResponse } from "@contract/sla";
import type { Deps } from "@server/deps";
import { getSlaReport } from "@server/domain/sla/get-sla-report";
import { listSlaPolicies } from "@server/domain/sla/list-sla-policies";
import { saveSlaPolicies } from "@server/domain/sla/save-sla-policies";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/**
 * A property's response-time policies (admins; managers for their properties) and the SLA attainment
 * report (`GET /api/reports/sla`, `format=csv` as the other reports).
 */
export function slaRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/properties/:id/sla-policies",
      { schema: { params: IdParams, response: { 200: SlaPoliciesResponse } } },
      async (request) => ({
        policies: await listSlaPolicies(requestCtx(deps, request), { propertyId: request.params.id }),
      }),
    );

    app.put(
      "/api/properties/:id/sla-policies",
      { schema: { params: IdParams, body: PutSlaPoliciesBody, response: { 200: SlaPoliciesResponse } } },
      async (request) => ({
        policies: await saveSlaPolicies(requestCtx(deps, request), {
          propertyId: request.params.id,
          policies: request.body.policies,
        }),
      }),
    );

    app.get("/api/reports/sla", { schema: { querystring: ReportQuery } }, async (request, reply) => {
      const { from, to, propertyId, format } = request.query;
      const result = await getSlaReport(requestCtx(deps, request), { from, to, propertyId });
      if (format === "json") return result;
      const scope = propertyId ? `-property-${propertyId}` : "";
      return reply
        .type("text/csv; charset=utf-8")
        .header(
          "content-disposition",
          `attachment; filename="sla${scope}-${result.from}-to-${result.to}.csv"`,
        )
        .send(reportCsv(result.rows, Object.keys(SlaAttainmentRow.shape)));
    });
  };
}
