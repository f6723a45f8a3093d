import { ErrorResponse } from "@contract/errors";
import { HealthResponse, ReadyResponse } from "@contract/health";
import { databaseReadinessChecks } from "@server/db/readiness";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { testDbKind } from "@test/test-db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  t.deps.readiness.push(...databaseReadinessChecks(t.database));
});
afterAll(() => t.close());

describe("GET /health", () => {
  it("answers 200 with the database kind and version", async () => {
    const res = await t.app.inject({ method: "GET", url: "/health" });
    expect(res.statusCode).toBe(200);
    const body = HealthResponse.parse(res.json());
    expect(body.status).toBe("ok");
    expect(body.db).toBe(testDbKind());
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.provider).toBe("simulator");
  });

  it("carries the security headers and a request id", async () => {
    const res = await t.app.inject({ method: "GET", url: "/health" });
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers["x-request-id"]).toBeTruthy();
  });
});

describe("GET /ready", () => {
  it("answers 200 when the database answers and migrations are applied", async () => {
    const res = await t.app.inject({ method: "GET", url: "/ready" });
    expect(res.statusCode).toBe(200);
    expect(ReadyResponse.parse(res.json())).toEqual({
      status: "ready",
      checks: { database: { ok: true }, migrations: { ok: true } },
    });
  });

  it("answers 503 naming the failing check when a migration is missing", async () => {
    await t.database.db.execute(sql`delete from drizzle.__drizzle_migrations`);
    const res = await t.app.inject({ method: "GET", url: "/ready" });
    expect(res.statusCode).toBe(503);
    const body = ReadyResponse.parse(res.json());
    expect(body.status).toBe("not_ready");
    expect(body.checks.migrations?.ok).toBe(false);
    expect(body.checks.database?.ok).toBe(true);
  });
});

describe("unknown routes", () => {
  it("answer a JSON 404 under /api to an authenticated caller, and 401 to anyone else", async () => {
    const headers = await apiKeyHeaders(t);
    const res = await t.app.inject({ method: "GET", url: "/api/does-not-exist", headers });
    expect(res.statusCode).toBe(404);
    expect(ErrorResponse.parse(res.json()).error.code).toBe("NOT_FOUND");
    const anonymous = await t.app.inject({ method: "GET", url: "/api/does-not-exist" });
    expect(anonymous.statusCode).toBe(401);
  });
});
