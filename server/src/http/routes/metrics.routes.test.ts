import { enqueueJob } from "@server/queue/enqueue-job";
import { createTestStaff, signIn } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ METRICS_TOKEN: "metrics-token-123" });
});
afterAll(() => t.close());

describe("GET /metrics", () => {
  it("needs the metrics token when one is configured", async () => {
    expect((await t.app.inject({ method: "GET", url: "/metrics" })).statusCode).toBe(401);
  });

  it("serves Prometheus text with request latency and queue depth", async () => {
    await t.app.inject({ method: "GET", url: "/health" });
    await enqueueJob(t.ctx(), "metrics-demo", {});
    const res = await t.app.inject({
      method: "GET",
      url: "/metrics",
      headers: { authorization: "Bearer metrics-token-123" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/plain");
    expect(res.body).toMatch(
      /commhub_http_request_duration_seconds_count\{method="GET",route="\/health",status="2xx"\} 1/,
    );
    expect(res.body).toMatch(/commhub_queue_jobs\{queue="metrics-demo",status="QUEUED"\} 1/);
    expect(res.body).toContain("commhub_process_resident_memory_bytes");
  });
});

describe("GET /api/docs", () => {
  it("serves the OpenAPI document without authentication, listing the API's routes", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain("/api/auth/me");
    expect(Object.keys(doc.paths)).not.toContain("/metrics");
  });

  it("serves the browsable UI", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/docs/" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("swagger");
  });
});

// Live = NODE_ENV=production, or the real Gupshup whatever NODE_ENV says (issue 14, finding 6).
describe.each([
  ["NODE_ENV=production", { NODE_ENV: "production" }],
  [
    "the real Gupshup with NODE_ENV=test",
    { GUPSHUP_API_KEY: "real-key", GUPSHUP_WEBHOOK_SECRET: "0123456789abcdef0123" },
  ],
])("live (%s)", (_name, env) => {
  it("/metrics is off (404) until METRICS_TOKEN is set, then needs the token", async () => {
    const off = await buildTestApp(env);
    try {
      const res = await off.app.inject({ method: "GET", url: "/metrics" });
      expect([res.statusCode, res.json().error.code]).toEqual([404, "NOT_FOUND"]);
      expect(res.body).not.toContain("commhub_");
    } finally {
      await off.close();
    }
    const on = await buildTestApp({ ...env, METRICS_TOKEN: "metrics-token-123" });
    try {
      expect((await on.app.inject({ method: "GET", url: "/metrics" })).statusCode).toBe(401);
      const scraped = await on.app.inject({
        method: "GET",
        url: "/metrics",
        headers: { authorization: "Bearer metrics-token-123" },
      });
      expect(scraped.statusCode).toBe(200);
    } finally {
      await on.close();
    }
  });

  it("/api/docs needs a signed-in staff member or an API key", async () => {
    const live = await buildTestApp(env);
    try {
      for (const url of ["/api/docs/json", "/api/docs/", "/api/docs", "/%61pi/docs/json"]) {
        const res = await live.app.inject({ method: "GET", url });
        expect([url, res.statusCode]).toEqual([url, 401]);
      }
      const withKey = await live.app.inject({
        method: "GET",
        url: "/api/docs/json",
        headers: await apiKeyHeaders(live),
      });
      expect(withKey.statusCode).toBe(200);
      expect(Object.keys(withKey.json().paths)).toContain("/api/auth/me");
      const staff = await createTestStaff(live);
      const session = await signIn(live, staff);
      const signedIn = await live.app.inject({ method: "GET", url: "/api/docs/", headers: session.headers });
      expect(signedIn.statusCode).toBe(200);
    } finally {
      await live.close();
    }
  });
});
