import { MeResponse } from "@contract/auth";
import type { Deps } from "@server/deps";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export function authRoutes(_deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get("/api/auth/me", { schema: { response: { 200: MeResponse } } }, async (request) => {
      const actor = request.actor;
      if (actor?.type !== "staff" && actor?.type !== "apiKey")
        throw new Error("authenticated route without actor");
      return { actor };
    });
  };
}
