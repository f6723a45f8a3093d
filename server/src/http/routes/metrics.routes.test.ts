import { enqueueJob } from "@server/queue/enqueue-job";
import { buildTestApp, type TestApp } from "@test/test-app";
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
