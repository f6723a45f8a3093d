import type { Actor, Ctx } from "@server/context";
import { createCtx, type Deps } from "@server/deps";
import { authenticateApiKey } from "@server/domain/api-keys/authenticate-api-key";
import type { App } from "@server/http/app";
import { sendError } from "@server/http/error-handler";
import type { FastifyRequest } from "fastify";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is calling; set for every /api route that is not public. */
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** An /api route that needs no authentication (e.g. login). Everything else under /api does. */
    public?: boolean;
  }
}

/** Resolves the caller of a request, or undefined; several can be registered (API key, session). */
export type Authenticator = (request: FastifyRequest) => Promise<Actor | undefined>;

export const bearerApiKey =
  (deps: Deps): Authenticator =>
  async (request) => {
    const header = request.headers.authorization;
    if (!header?.startsWith("Bearer ")) return undefined;
    return authenticateApiKey(
      createCtx(deps, { type: "system" }, { log: request.log }),
      header.slice(7).trim(),
    );
  };

/** The OpenAPI document and its UI describe the API; they hold no data. */
const PUBLIC_PREFIXES = ["/api/docs"];

export function isPublicApiPath(url: string): boolean {
  return PUBLIC_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`));
}

/**
 * Default deny: every route under /api needs an authenticated actor unless its config says `public`.
 * /health, /ready and /webhooks/* sit outside /api and carry their own checks.
 */
export function registerAuthentication(app: App, authenticators: Authenticator[]): void {
  app.decorateRequest("actor", null);
  app.decorateRequest("staffSession", null);
  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/api/") || request.routeOptions.config.public) return;
    if (isPublicApiPath(request.url.split("?")[0] ?? "")) return;
    for (const authenticate of authenticators) {
      const actor = await authenticate(request);
      if (actor) {
        request.actor = actor;
        return;
      }
    }
    return sendError(reply, "UNAUTHENTICATED", "sign in, or send Authorization: Bearer <api key>");
  });
}

/** The verb context for an authenticated request. */
export function requestCtx(deps: Deps, request: FastifyRequest): Ctx {
  if (!request.actor)
    throw new Error(`no actor on ${request.method} ${request.url}: route is not authenticated`);
  return createCtx(deps, request.actor, { log: request.log, ip: request.ip });
}

/** The verb context for a public route (sign-in): acts as the system, records the client address. */
export function publicRequestCtx(deps: Deps, request: FastifyRequest, job: string): Ctx {
  return createCtx(deps, { type: "system", job }, { log: request.log, ip: request.ip });
}
