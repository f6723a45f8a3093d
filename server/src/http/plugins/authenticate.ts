import type { Actor, Ctx } from "@server/context";
import { createCtx, type Deps } from "@server/deps";
import { authenticateApiKey } from "@server/domain/api-keys/authenticate-api-key";
import type { App } from "@server/http/app";
import { sendError } from "@server/http/error-handler";
import type { FastifyRequest } from "fastify";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is calling; set on every matched route that is not public. */
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /**
     * The route needs no signed-in caller: sign-in, the probes, the webhooks (which check their own
     * secret), /metrics (its own token) and the web app's files. Every other route does.
     */
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

/**
 * Default deny, decided on the route the router matched, never on the raw URL: the router decodes
 * `/%61pi/…` to `/api/…`, so a prefix test on `request.url` can be walked around. Every matched route
 * needs an authenticated actor unless its config says `public`. A request that matched no route only
 * reaches the not-found handler (a JSON 404, or the web app's index.html), which holds no data; under
 * /api it still answers 401 to strangers, so they cannot map which routes exist.
 */
export function registerAuthentication(app: App, authenticators: Authenticator[]): void {
  app.decorateRequest("actor", null);
  app.decorateRequest("staffSession", null);
  app.addHook("onRequest", async (request, reply) => {
    if (request.is404 ? !request.url.startsWith("/api/") : request.routeOptions.config.public) return;
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

/** Marks every route registered in `scope` (a plugin's, e.g. static files) as public or not. */
export function markRoutesPublic(scope: App, isPublic: boolean): void {
  scope.addHook("onRoute", (route) => {
    route.config = Object.assign(route.config ?? {}, { public: isPublic });
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
