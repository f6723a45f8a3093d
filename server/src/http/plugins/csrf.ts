import { timingSafeEqual } from "node:crypto";
import type { App } from "@server/http/app";
import { sendError } from "@server/http/error-handler";
import type { FastifyRequest } from "fastify";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyContextConfig {
    /** `false` only for machine callbacks that prove themselves with their own secret (webhooks). */
    csrf?: boolean;
  }
}

/**
 * CSRF defence for cookie-authenticated and anonymous state-changing requests (OWASP CSRF cheat
 * sheet, ASVS 3.5.1, 3.5.8): a cross-site Sec-Fetch-Site or a foreign Origin is refused, and a request
 * riding on the session cookie must echo the session's CSRF token in X-CSRF-Token. Bearer API-key
 * requests carry no ambient credential, so they are exempt. Decided on the matched route (never on the
 * raw URL, which `/%61pi/…` walks around); runs after authentication.
 */
export function registerCsrfProtection(app: App): void {
  app.addHook("onRequest", async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || request.is404 || request.routeOptions.config.csrf === false)
      return;
    if (request.actor?.type === "apiKey") return;
    if (request.headers["sec-fetch-site"] === "cross-site" || !sameOrigin(request)) {
      request.log.warn({ origin: request.headers.origin }, "csrf: cross-site request refused");
      return sendError(reply, "FORBIDDEN", "cross-site request refused");
    }
    if (request.staffSession && !tokenMatches(request.headers[CSRF_HEADER], request.staffSession.csrfToken)) {
      request.log.warn("csrf: missing or wrong token");
      return sendError(reply, "FORBIDDEN", `missing or wrong ${CSRF_HEADER} header`);
    }
  });
}

// No Origin header (curl, old browsers): nothing to compare; the token check still applies to sessions.
// URL parsing drops default ports, so "Host: hotel.example:443" matches "Origin: https://hotel.example".
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const ours = `${request.protocol}://${request.host}`;
  if (!URL.canParse(origin) || !URL.canParse(ours)) return false;
  return new URL(origin).origin === new URL(ours).origin;
}

function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
