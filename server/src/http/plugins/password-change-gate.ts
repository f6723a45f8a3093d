import type { App } from "@server/http/app";
import { sendError } from "@server/http/error-handler";

/** What a session with a temporary password may still do: see who it is, sign out, change it. */
const ALLOWED = new Set(["GET /api/auth/me", "POST /api/auth/logout", "POST /api/auth/password"]);

/**
 * After a reset, the temporary password opens only the change-password step: every other /api route
 * answers 403 PASSWORD_CHANGE_REQUIRED. Decided on the matched route (deny by default), after
 * authentication has found the session.
 */
export function registerPasswordChangeGate(app: App): void {
  app.addHook("onRequest", async (request, reply) => {
    if (!request.staffSession?.mustChangePassword) return;
    if (ALLOWED.has(`${request.method} ${request.routeOptions.url}`)) return;
    return sendError(reply, "PASSWORD_CHANGE_REQUIRED", "change your temporary password first");
  });
}
