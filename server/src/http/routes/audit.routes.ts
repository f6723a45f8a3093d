import { AuditListResponse, AuditQuery } from "@contract/audit";
import type { Deps } from "@server/deps";
import { listAuditEntries } from "@server/domain/audit/list-audit-entries";
import { requestCtx } from "@server/http/plugins/authenticate";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export function auditRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/audit",
      { schema: { querystring: AuditQuery, response: { 200: AuditListResponse } } },
      async (request) => {
        const { since, until, ...filter } = request.query;
        const page = await listAuditEntries(requestCtx(deps, request), {
          ...filter,
          since: since ? new Date(since) : undefined,
          until: until ? new Date(until) : undefined,
        });
        return {
          entries: page.entries.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
          nextCursor: page.nextCursor,
        };
      },
    );
  };
}
