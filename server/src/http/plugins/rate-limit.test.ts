import { ErrorResponse } from "@contract/errors";
import { type App, buildApp } from "@server/http/app";
import { sessionHeaders } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The per-caller limiter that routes opt into with `config: { rateLimit: { perMinute } }` (the send API
// will); exercised here on a route of the test's own, served by two app instances on one database.
let t: TestApp;
let second: App;
let clock = Date.parse("2026-11-25T08:00:00Z");

function addLimitedRoute(app: App) {
  app.post("/api/test/limited", { config: { rateLimit: { perMinute: 3 } } }, async () => ({ ok: true }));
}

beforeAll(async () => {
  t = await buildTestApp();
  t.deps.now = () => new Date(clock);
  addLimitedRoute(t.app);
  second = await buildApp(t.deps);
  addLimitedRoute(second);
});
afterAll(async () => {
  await second.close();
  await t.close();
});

const hit = (app: App, headers: Record<string, string>) =>
  app.inject({ method: "POST", url: "/api/test/limited", headers });

describe("per-caller rate limits", () => {
  it("answer 429 RATE_LIMITED with Retry-After once a key spends its budget, across instances", async () => {
    const key = await apiKeyHeaders(t, "AGENT");
    const statuses = [
      (await hit(t.app, key)).statusCode,
      (await hit(second, key)).statusCode,
      (await hit(t.app, key)).statusCode,
    ];
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await hit(second, key);
    expect(refused.statusCode).toBe(429);
    expect(ErrorResponse.parse(refused.json()).error.code).toBe("RATE_LIMITED");
    expect(refused.headers["retry-after"]).toBe("60");
    expect(refused.headers["ratelimit-remaining"]).toBe("0");
  });

  it("count each caller separately, staff sessions included", async () => {
    const key = await apiKeyHeaders(t, "AGENT");
    const staff = await sessionHeaders(t, "AGENT");
    for (let i = 0; i < 3; i++) expect((await hit(t.app, key)).statusCode).toBe(200);
    expect((await hit(t.app, key)).statusCode).toBe(429);
    for (let i = 0; i < 3; i++) expect((await hit(t.app, staff)).statusCode).toBe(200);
    expect((await hit(t.app, staff)).statusCode).toBe(429);
  });

  it("give a new budget in the next minute", async () => {
    const key = await apiKeyHeaders(t, "AGENT");
    for (let i = 0; i < 4; i++) await hit(t.app, key);
    expect((await hit(t.app, key)).statusCode).toBe(429);
    clock += 60_000;
    const res = await hit(t.app, key);
    expect(res.statusCode).toBe(200);
    expect(res.headers["ratelimit-remaining"]).toBe("2");
  });

  it("apply to POST /api/api-keys (30 a minute per caller)", async () => {
    const admin = await apiKeyHeaders(t, "ADMIN");
    const create = () =>
      t.app.inject({
        method: "POST",
        url: "/api/api-keys",
        headers: admin,
        payload: { name: "k", role: "AGENT" },
      });
    const first = await create();
    expect(first.statusCode).toBe(201);
    expect(first.headers["ratelimit-limit"]).toBe("30");
  });
});
