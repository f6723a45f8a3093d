import { ErrorResponse } from "@contract/errors";
import { createTestStaff, signIn } from "@test/staff-session";
import { buildTestApp, type TestApp } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Default deny, checked against the real route table: a route added later without thought for
// authentication fails here, and so does a new public route nobody listed below.
const PUBLIC_API_ROUTES = ["POST /api/auth/login"];

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const apiRoutes = () => t.app.routeTable.filter((r) => r.url.startsWith("/api/"));
const fill = (url: string) => url.replace(/:(\w+)/g, "1").replace("*", "x");

describe("the route table", () => {
  it("lists the API routes, and only the known public ones opt out of authentication", () => {
    expect(apiRoutes().length).toBeGreaterThanOrEqual(7);
    // The OpenAPI document and its UI (/api/docs…) describe the API and hold no data.
    const declaredPublic = apiRoutes()
      .filter((r) => r.isPublic && !r.url.startsWith("/api/docs"))
      .map((r) => `${r.method} ${r.url}`);
    expect(declaredPublic).toEqual(PUBLIC_API_ROUTES);
  });

  it("every other /api route answers 401 without credentials, with a bad key, and with a dead cookie", async () => {
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
    for (const route of apiRoutes().filter((r) => !r.isPublic)) {
      for (const headers of attempts) {
        const res = await t.app.inject({ method: route.method as "GET", url: fill(route.url), headers });
        expect(res.statusCode, `${route.method} ${route.url} with ${Object.keys(headers)}`).toBe(401);
        if (route.method !== "HEAD")
          expect(ErrorResponse.parse(res.json()).error.code).toBe("UNAUTHENTICATED");
      }
      checked.push(`${route.method} ${route.url}`);
    }
    expect(checked).toEqual(
      expect.arrayContaining(["GET /api/auth/me", "GET /api/audit", "DELETE /api/api-keys/:id"]),
    );
  });

  it("public routes outside /api are only health, readiness, metrics and webhooks (which carry their own checks)", () => {
    const outside = t.app.routeTable
      .filter((r) => !r.url.startsWith("/api/") && r.method !== "HEAD")
      .map((r) => `${r.method} ${r.url}`);
    for (const route of outside)
      expect(route).toMatch(/^(GET \/health|GET \/ready|GET \/metrics|\w+ \/webhooks\/.*|GET \/.+\.\w+)$/);
  });
});
