import type { App } from "@server/http/app";
import { isPublicApiPath } from "@server/http/plugins/authenticate";

export type RouteEntry = { method: string; url: string; isPublic: boolean };

declare module "fastify" {
  interface FastifyInstance {
    /** Every route registered, as the router sees it; tests walk it (authentication, property scoping). */
    routeTable: RouteEntry[];
  }
}

/** Records every route as it is added; register before any route. */
export function registerRouteTable(app: App): void {
  const table: RouteEntry[] = [];
  app.decorate("routeTable", table);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      table.push({
        method,
        url: route.url,
        isPublic: route.config?.public === true || isPublicApiPath(route.url),
      });
    }
  });
}
