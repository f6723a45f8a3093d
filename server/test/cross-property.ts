import { expect } from "vitest";
import type { TestApp } from "./test-app";

export type CrossPropertyOptions = {
  /** Credentials of a member of property A (session headers with X-CSRF-Token, or an API key). */
  headers: Record<string, string>;
  /** Route parameters pointing at property B's rows, by parameter name: `{ id: threadOfB.id }`. */
  foreignParams: Record<string, string | number>;
  /** Per-route parameters where the same name means different rows: `{ "GET /api/threads/:id": { id: 7 } }`. */
  routeParams?: Record<string, Record<string, string | number>>;
  /** Strings only B's data contains (a guest name, a message text, B's property name): never in a body. */
  foreignMarkers: string[];
  /** Bodies for parameterless state-changing routes that name B's rows, by "METHOD /url". */
  bodies?: Record<string, unknown>;
  /** Routes this walk does not apply to, by "METHOD /url", with the reason. */
  exempt?: Record<string, string>;
};

// Endless streams cannot be injected; their scoping is tested where they are defined.
const STREAMING_ROUTES = new Set(["GET /api/events"]);

export type CrossPropertyResult = { route: string; status: number };

/**
 * Scenario 19: walks every authenticated /api route of the app's route table as a member of property A
 * aimed at property B's rows. Routes with parameters (filled from `foreignParams`) and routes given a
 * body must answer 403/404; every answer, lists included, must be free of B's markers. A route this walk
 * cannot aim at B (a parameter without a foreign value, a parameterless POST without a body) fails the
 * test until the author adds the case or an exemption, so no new route escapes the check.
 */
export async function expectNoCrossPropertyAccess(
  t: TestApp,
  options: CrossPropertyOptions,
): Promise<CrossPropertyResult[]> {
  const results: CrossPropertyResult[] = [];
  const uncovered: string[] = [];
  for (const route of t.app.routeTable) {
    const key = `${route.method} ${route.url}`;
    if (!route.url.startsWith("/api/") || route.isPublic || route.method === "HEAD") continue;
    if (options.exempt?.[key] || STREAMING_ROUTES.has(key)) continue;
    const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? "");
    const values = { ...options.foreignParams, ...options.routeParams?.[key] };
    const missing = params.filter((p) => values[p] === undefined);
    const body = options.bodies?.[key];
    if (missing.length || (route.method !== "GET" && !params.length && body === undefined)) {
      uncovered.push(
        missing.length ? `${key} (no foreign value for :${missing.join(", :")})` : `${key} (no body)`,
      );
      continue;
    }
    const url = route.url.replace(/:(\w+)/g, (_, name: string) => String(values[name]));
    const res = await t.app.inject({
      method: route.method as "GET",
      url,
      headers: options.headers,
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    results.push({ route: key, status: res.statusCode });
    for (const marker of options.foreignMarkers) {
      expect(res.body, `${key} leaked "${marker}" of the other property`).not.toContain(marker);
    }
    if (params.length || body !== undefined) {
      expect([403, 404], `${key} answered ${res.statusCode} to a member of another property`).toContain(
        res.statusCode,
      );
    }
  }
  expect(uncovered, "routes without a cross-property case: add foreignParams/bodies or an exemption").toEqual(
    [],
  );
  return results;
}
