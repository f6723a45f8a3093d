import { ErrorResponse } from "@contract/errors";
import { createTestStaff, signIn } from "@test/staff-session";
import { buildTestApp, type TestApp } from "@test/test-app";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Default deny, checked against the real route table: a route added later without thought for
// authentication fails here, and so does a new public route nobody listed below.
const PUBLIC_API_ROUTES = ["POST /api/auth/login"];

let t: TestApp;
beforeAll(async () => {
  // A simulator URL so the simulator proxy routes (the ones the encoded-path attack reached) exist.
  t = await buildTestApp({}, { simulatorUrl: "http://127.0.0.1:9" });
});
afterAll(() => t.close());

const apiRoutes = () => t.app.routeTable.filter((r) => r.url.startsWith("/api/"));
const protectedRoutes = () => t.app.routeTable.filter((r) => !r.isPublic);
const fill = (url: string) => url.replace(/:(\w+)/g, "1").replace("*", "x");
const hex = (c: string) => `%${c.charCodeAt(0).toString(16)}`;

/** The same path as the router may decode or read it: what an attacker tries instead of the plain one. */
function pathVariants(path: string): Record<string, string> {
  return {
    "first letter of each segment percent-encoded": path.replace(/\/([a-z])/gi, (_m, c) => `/${hex(c)}`),
    "every letter percent-encoded (upper-case hex)": path.replace(/[a-z]/gi, (c) => hex(c).toUpperCase()),
    "leading double slash": `/${path}`,
    "double slash inside": path.replace(/^(\/[^/]+)\//, "$1//"),
    "upper case": path.toUpperCase(),
    "first segment capitalised": path.replace(/^\/(\w)/, (_m, c: string) => `/${c.toUpperCase()}`),
    "trailing slash": `${path}/`,
    "dot segment": path.replace(/^(\/[^/]+)\//, "$1/./"),
  };
}

// A request that matched no route reaches only the not-found handler: a JSON 404 naming no route, or
// for a page the web app's index.html (503 text while it is not built). Anything else ran a handler.
function reachedNoHandler(res: LightMyRequestResponse): boolean {
  if (res.statusCode === 404) return /^no route for/.test(ErrorResponse.parse(res.json()).error.message);
  const type = String(res.headers["content-type"] ?? "");
  return (
    (res.statusCode === 200 && type.startsWith("text/html")) ||
    (res.statusCode === 503 && type.startsWith("text/plain"))
  );
}

describe("the route table", () => {
  it("lists the routes, and only the known public ones opt out of authentication", () => {
    expect(apiRoutes().length).toBeGreaterThanOrEqual(7);
    // The OpenAPI document and its UI (/api/docs…) describe the API and hold no data (public unless live).
    const declaredPublic = apiRoutes()
      .filter((r) => r.isPublic && !r.url.startsWith("/api/docs"))
      .map((r) => `${r.method} ${r.url}`);
    expect(declaredPublic).toEqual(PUBLIC_API_ROUTES);
    const publicOutside = t.app.routeTable
      .filter((r) => r.isPublic && !r.url.startsWith("/api/") && r.method !== "HEAD")
      .map((r) => `${r.method} ${r.url}`);
    for (const route of publicOutside)
      expect(route).toMatch(
        /^(GET \/health|GET \/ready|GET \/metrics|\w+ \/webhooks\/.*|GET \/.+\.\w+|GET \/media\/outbound\/:file)$/,
      );
  });

  it("every route not declared public answers 401 without credentials, with a bad key, and with a dead cookie", async () => {
    const staff = await createTestStaff(t);
    const session = await signIn(t, staff);
    await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: session.headers });
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: "Bearer chk_revoked-or-never-issued-key-000000" },
      { cookie: session.cookie, "x-csrf-token": session.csrfToken },
      { cookie: "commhub_session=chs_forged-session-token-0000000000000" },
    ];
    const checked: string[] = [];
    for (const route of protectedRoutes()) {
      for (const headers of attempts) {
        const res = await t.app.inject({ method: route.method as "GET", url: fill(route.url), headers });
        expect(res.statusCode, `${route.method} ${route.url} with ${Object.keys(headers)}`).toBe(401);
        if (route.method !== "HEAD")
          expect(ErrorResponse.parse(res.json()).error.code).toBe("UNAUTHENTICATED");
      }
      checked.push(`${route.method} ${route.url}`);
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        "GET /api/auth/me",
        "GET /api/audit",
        "DELETE /api/api-keys/:id",
        "POST /api/simulator/guest-message",
      ]),
    );
  });

  it("no spelling of a protected route (percent-encoded letters, double slashes, case) reaches it without credentials", async () => {
    let decodedToTheRoute = 0;
    for (const route of protectedRoutes()) {
      for (const [variant, url] of Object.entries(pathVariants(fill(route.url)))) {
        const res = await t.app.inject({ method: route.method as "GET", url });
        const what = `${route.method} ${url} (${variant} of ${route.url}): ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (res.statusCode === 401) decodedToTheRoute++;
        else expect(reachedNoHandler(res), what).toBe(true);
      }
    }
    // The router does decode percent-encoded letters: those spellings matched and were refused.
    expect(decodedToTheRoute).toBeGreaterThanOrEqual(protectedRoutes().length * 2);
  });

  it("a state-changing request on an encoded path still meets the CSRF check", async () => {
    const staff = await createTestStaff(t);
    const session = await signIn(t, staff);
    const res = await t.app.inject({
      method: "POST",
      url: "/%61pi/auth/logout",
      headers: { cookie: session.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(ErrorResponse.parse(res.json()).error.message).toMatch(/x-csrf-token/);
  });
});
