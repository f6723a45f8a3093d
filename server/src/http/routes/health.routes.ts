import { HealthResponse, ReadyResponse } from "@contract/health";
import type { Deps } from "@server/deps";
import { packageVersion } from "@server/project-path";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export function healthRoutes(deps: Deps): FastifyPluginAsyncZod {
  const version = packageVersion();
  return async (app) => {
    app.get(
      "/health",
      { config: { public: true }, schema: { response: { 200: HealthResponse } } },
      async () => ({
        status: "ok" as const,
        db: deps.database.kind,
        version,
        provider: deps.config.providerMode,
        uptimeSeconds: Math.round((deps.now().getTime() - deps.startedAt.getTime()) / 1000),
      }),
    );

    app.get(
      "/ready",
      { config: { public: true }, schema: { response: { 200: ReadyResponse, 503: ReadyResponse } } },
      async (_request, reply) => {
        const results = await Promise.all(
          deps.readiness.map(async ({ name, check }) => [name, await safely(check)] as const),
        );
        const checks = Object.fromEntries(results);
        const ready = results.every(([, result]) => result.ok);
        return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "not_ready", checks });
      },
    );
  };
}

async function safely(check: () => Promise<{ ok: boolean; detail?: string }>) {
  try {
    return await check();
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}
