import { timingSafeEqual } from "node:crypto";
import type { Deps } from "@server/deps";
import { sendError } from "@server/http/error-handler";
import { queueStats } from "@server/queue/job-store";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/**
 * Prometheus scrape endpoint; with METRICS_TOKEN set it needs `Authorization: Bearer <token>`. Live
 * (production or the real Gupshup) without a token it does not exist: queue names, routes and volumes
 * are not for anyone on the network.
 */
export function metricsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    // Public to staff authentication: a scraper is no staff member; the token below is its check.
    app.get("/metrics", { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const token = deps.config.metrics.token;
      if (!token && deps.config.isLive)
        return sendError(reply, "NOT_FOUND", "/metrics is off until METRICS_TOKEN is set");
      if (token && !matches(request.headers.authorization, `Bearer ${token}`)) {
        return sendError(reply, "UNAUTHENTICATED", "metrics need Authorization: Bearer <METRICS_TOKEN>");
      }
      await refreshQueueGauges(deps);
      return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
    });
  };
}

async function refreshQueueGauges(deps: Deps): Promise<void> {
  const { counts, lags } = await queueStats(deps.database.db);
  deps.metrics.queueDepth.reset();
  for (const row of counts) deps.metrics.queueDepth.set({ queue: row.queue, status: row.status }, row.count);
  deps.metrics.queueLag.reset();
  for (const row of lags) deps.metrics.queueLag.set({ queue: row.queue }, row.lagSeconds);
}

function matches(given: string | undefined, expected: string): boolean {
  if (!given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
