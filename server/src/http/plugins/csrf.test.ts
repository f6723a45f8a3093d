import { ErrorResponse } from "@contract/errors";
import { createTestStaff, type SignedIn, signIn } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// Scenario 22 (CSRF): a cookie-authenticated state change needs the session's X-CSRF-Token and must not
// come from another site; bearer API keys carry no ambient credential and are exempt.
let t: TestApp;
let session: SignedIn;
beforeAll(async () => {
  t = await buildTestApp();
});
beforeEach(async () => {
  session = await signIn(t, await createTestStaff(t, { role: "ADMIN" }));
});
afterAll(() => t.close());

// app.inject() sends "Host: localhost:80"; a browser's Origin leaves the default port out.
const ORIGIN = "http://localhost";
const logout = (headers: Record<string, string>) =>
  t.app.inject({ method: "POST", url: "/api/auth/logout", headers });
const createKey = (headers: Record<string, string>) =>
  t.app.inject({
    method: "POST",
    url: "/api/api-keys",
    headers,
    payload: { name: "booking", role: "AGENT" },
  });

async function expectForbidden(res: Awaited<ReturnType<typeof logout>>) {
  expect(res.statusCode).toBe(403);
  expect(ErrorResponse.parse(res.json()).error.code).toBe("FORBIDDEN");
}

describe("cookie-authenticated state-changing requests", () => {
  it("are refused without the CSRF token, or with another one", async () => {
    await expectForbidden(await createKey({ cookie: session.cookie }));
    await expectForbidden(await createKey({ cookie: session.cookie, "x-csrf-token": "x".repeat(43) }));
    const other = await signIn(t, await createTestStaff(t, { role: "ADMIN" }));
    await expectForbidden(await createKey({ cookie: session.cookie, "x-csrf-token": other.csrfToken }));
  });

  it("are refused from a foreign Origin or a cross-site fetch, even with the token", async () => {
    await expectForbidden(await createKey({ ...session.headers, origin: "https://evil.example" }));
    await expectForbidden(await createKey({ ...session.headers, origin: "null" }));
    await expectForbidden(await createKey({ ...session.headers, origin: "http://localhost:8080" }));
    await expectForbidden(await createKey({ ...session.headers, origin: "https://localhost" }));
    await expectForbidden(await createKey({ ...session.headers, "sec-fetch-site": "cross-site" }));
  });

  it("pass with the token from our own origin", async () => {
    const res = await createKey({ ...session.headers, origin: ORIGIN, "sec-fetch-site": "same-origin" });
    expect(res.statusCode).toBe(201);
    expect((await logout(session.headers)).statusCode).toBe(204);
  });

  it("safe methods need no token", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: session.cookie },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe("bearer API-key requests", () => {
  it("are exempt: no token needed, whatever the Origin", async () => {
    const headers = await apiKeyHeaders(t, "ADMIN");
    expect((await createKey({ ...headers, origin: "https://integrator.example" })).statusCode).toBe(201);
  });
});

describe("sign-in", () => {
  it("is refused from a foreign Origin or a cross-site fetch (login CSRF)", async () => {
    const staff = await createTestStaff(t);
    const attempt = (headers: Record<string, string>) =>
      t.app.inject({ method: "POST", url: "/api/auth/login", payload: staff, headers });
    await expectForbidden(await attempt({ origin: "https://evil.example" }));
    await expectForbidden(await attempt({ "sec-fetch-site": "cross-site" }));
    expect((await attempt({ origin: ORIGIN })).statusCode).toBe(200);
  });
});
