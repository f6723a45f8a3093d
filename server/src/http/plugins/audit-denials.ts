import type { Deps } from "@server/deps";
import { recordAudit } from "@server/domain/audit/record-audit";
import { AccessDeniedError, AppError } from "@server/errors";
import type { App } from "@server/http/app";
import { requestCtx } from "./authenticate";

/**
 * Failed authorisation attempts go to the audit trail (ASVS 16.3.2): a role check that said FORBIDDEN,
 * or a row of another property that the caller was told does not exist.
 */
export function registerDenialAudit(app: App, deps: Deps): void {
  app.addHook("onError", async (request, _reply, error) => {
    if (!request.actor) return;
    const denied = error instanceof AccessDeniedError;
    if (!denied && !(error instanceof AppError && error.code === "FORBIDDEN")) return;
    try {
      await recordAudit(requestCtx(deps, request), {
        action: "access.denied",
        outcome: "DENIED",
        targetType: denied ? error.entity : undefined,
        targetId: denied ? error.entityId : undefined,
        details: { method: request.method, route: request.routeOptions.url ?? null },
      });
    } catch (err) {
      request.log.error({ err }, "could not audit a denied access");
    }
  });
}
