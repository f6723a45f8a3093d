import { createCtx, type Deps } from "@server/deps";
import { authenticateSession } from "@server/domain/auth/authenticate-session";
import type { CreatedSession } from "@server/domain/auth/create-session";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Authenticator } from "./authenticate";

declare module "fastify" {
  interface FastifyRequest {
    /** The staff session behind a cookie-authenticated request (CSRF checks need its token). */
    staffSession: { id: string; csrfToken: string; mustChangePassword: boolean } | null;
  }
}

// Over https the cookie carries the __Host- prefix: the browser then insists on Secure, Path=/ and no
// Domain, so a sibling subdomain cannot plant or overwrite it (ASVS 3.3.1, 3.3.3).
const HTTPS_COOKIE = "__Host-commhub_session";
const HTTP_COOKIE = "commhub_session";

/** Whether the request reached us over https (directly, or through a trusted proxy: TRUST_PROXY). */
function isHttps(request: FastifyRequest): boolean {
  return request.protocol === "https";
}

export function sessionCookieName(request: FastifyRequest): string {
  return isHttps(request) ? HTTPS_COOKIE : HTTP_COOKIE;
}

/** HttpOnly, SameSite=Lax, Path=/, and Secure over https; lives no longer than the session itself. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  session: CreatedSession,
  now: Date,
): void {
  reply.setCookie(sessionCookieName(request), session.token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: isHttps(request),
    maxAge: Math.max(0, Math.round((session.expiresAt.getTime() - now.getTime()) / 1000)),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(request), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: isHttps(request),
  });
}

/** The staff member behind the session cookie (only the one named for this request's protocol). */
export const sessionCookie =
  (deps: Deps): Authenticator =>
  async (request) => {
    const token = request.cookies[sessionCookieName(request)];
    if (!token) return undefined;
    const found = await authenticateSession(
      createCtx(deps, { type: "system" }, { log: request.log, ip: request.ip }),
      token,
    );
    if (!found) return undefined;
    request.staffSession = found.session;
    return found.actor;
  };
