import { ChangePasswordRequest, LoginRequest, LoginResponse, MeResponse } from "@contract/auth";
import type { Deps } from "@server/deps";
import { changeOwnPassword } from "@server/domain/auth/change-own-password";
import { getStaffProfile } from "@server/domain/auth/get-staff-profile";
import { logIn } from "@server/domain/auth/log-in";
import { logOut } from "@server/domain/auth/log-out";
import { publicRequestCtx, requestCtx } from "@server/http/plugins/authenticate";
import { clearSessionCookie, setSessionCookie } from "@server/http/plugins/session-cookie";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/auth/login",
      { config: { public: true }, schema: { body: LoginRequest, response: { 200: LoginResponse } } },
      async (request, reply) => {
        const ctx = publicRequestCtx(deps, request, "login");
        const session = await logIn(ctx, {
          email: request.body.email,
          password: request.body.password,
          userAgent: request.headers["user-agent"],
        });
        setSessionCookie(request, reply, session, ctx.now());
        return { user: await getStaffProfile(ctx, session.staffUserId), csrfToken: session.csrfToken };
      },
    );

    app.post("/api/auth/logout", async (request, reply) => {
      if (request.staffSession) await logOut(requestCtx(deps, request), request.staffSession.id);
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    });

    app.post("/api/auth/password", { schema: { body: ChangePasswordRequest } }, async (request, reply) => {
      await changeOwnPassword(requestCtx(deps, request), {
        ...request.body,
        keepSessionId: request.staffSession?.id,
      });
      return reply.code(204).send();
    });

    app.get("/api/auth/me", { schema: { response: { 200: MeResponse } } }, async (request) => {
      const actor = request.actor;
      if (actor?.type !== "staff" && actor?.type !== "apiKey")
        throw new Error("authenticated route without actor");
      const defaultCountry = deps.config.defaultCountry;
      if (actor.type === "apiKey") return { actor, defaultCountry };
      return {
        actor,
        user: await getStaffProfile(requestCtx(deps, request), actor.staffUserId),
        csrfToken: request.staffSession?.csrfToken,
        defaultCountry,
      };
    });
  };
}
