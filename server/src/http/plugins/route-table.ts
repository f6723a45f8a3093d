import type { App } from "@server/http/app";

export type RouteEntry = { method: string; url: string; readonly isPublic: boolean };

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
      // Read when asked: a plugin's own onRoute hook (markRoutesPublic) runs after this one.
      table.push({
        method,
        url: route.url,
        get isPublic() {
          return route.config?.public === true;
        },
      });
    }
  });
}
