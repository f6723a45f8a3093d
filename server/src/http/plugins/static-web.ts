import { existsSync } from "node:fs";
import fastifyStatic from "@fastify/static";
import type { App } from "@server/http/app";
import { sendError } from "@server/http/error-handler";
import { markRoutesPublic } from "@server/http/plugins/authenticate";
import { projectPath } from "@server/project-path";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

const webRoot = projectPath("dist/web");
const API_PREFIXES = ["/api/", "/webhooks/", "/health", "/ready", "/metrics", "/simulator/"];

/**
 * Serves the built web app, with index.html for client-side routes (e.g. /admin/communication-hub);
 * anything under the API prefixes that matched no route is a JSON 404.
 */
export async function registerStaticWeb(app: App): Promise<void> {
  const built = existsSync(`${webRoot}/index.html`);
  if (built) {
    // The app's own files (scripts, styles, icons) are what a browser loads before anyone signs in.
    const files: FastifyPluginAsyncZod = async (scope) => {
      markRoutesPublic(scope, true);
      await scope.register(fastifyStatic, {
        root: webRoot,
        wildcard: false,
        index: false,
        decorateReply: false,
      });
    };
    await app.register(files);
    // reply.sendFile for the not-found handler below, which lives outside that scope.
    await app.register(fastifyStatic, { root: webRoot, serve: false });
  }
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const isPage = request.method === "GET" && !API_PREFIXES.some((p) => request.url.startsWith(p));
    if (!isPage)
      return sendError(reply, "NOT_FOUND", `no route for ${request.method} ${request.url.split("?")[0]}`);
    if (!built) {
      return reply
        .code(503)
        .header("cache-control", "no-store")
        .type("text/plain")
        .send("The commhub web app is not built. Run `npm run build` (or `npm start`, which builds it).");
    }
    return reply.type("text/html").header("cache-control", "no-store").sendFile("index.html");
  });
}
