import type { Actor } from "@server/context";
import { createCtx, type Deps } from "@server/deps";
import { consumeRateLimit } from "@server/domain/rate-limits/consume-rate-limit";
import type { App } from "@server/http/app";
import { sendError } from "@server/http/error-handler";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * Per-caller budget for this route: `perMinute` requests per API key or staff member, counted in the
     * database so every instance shares it. Routes with the same `bucket` share one budget.
     */
    rateLimit?: { perMinute: number; bucket?: string };
  }
}

/** Answers 429 RATE_LIMITED with Retry-After once a caller spends a route's per-minute budget. */
export function registerRateLimits(app: App, deps: Deps): void {
  app.addHook("onRequest", async (request, reply) => {
    const rule = request.routeOptions.config.rateLimit;
    if (!rule || !request.actor) return;
    const bucket = rule.bucket ?? `${request.method} ${request.routeOptions.url}`;
    const result = await consumeRateLimit(createCtx(deps, { type: "system" }, { log: request.log }), {
      key: `${bucket}|${callerKey(request.actor)}`,
      limit: rule.perMinute,
      windowSeconds: 60,
    });
    reply.header("ratelimit-limit", result.limit);
    reply.header("ratelimit-remaining", result.remaining);
    reply.header("ratelimit-reset", result.resetSeconds);
    if (!result.allowed) {
      reply.header("retry-after", result.resetSeconds);
      return sendError(reply, "RATE_LIMITED", `rate limit of ${rule.perMinute} requests a minute reached`, {
        retryAfterSeconds: result.resetSeconds,
      });
    }
  });
}

function callerKey(actor: Actor): string {
  switch (actor.type) {
    case "apiKey":
      return `api_key:${actor.apiKeyId}`;
    case "staff":
      return `staff:${actor.staffUserId}`;
    case "webhook":
      return `webhook:${actor.provider}`;
    case "system":
      return "system";
  }
}
