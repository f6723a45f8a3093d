import { MeResponse } from "@contract/auth";
import { ErrorResponse } from "@contract/errors";
import { apiKeys, properties } from "@server/db/schema/index";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await t.database.db.insert(properties).values([{ code: "GOA", name: "Goa" }]);
});
afterAll(() => t.close());

describe("authentication of /api routes", () => {
  it("answers 401 UNAUTHENTICATED without credentials", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/auth/me" });
    expect(res.statusCode).toBe(401);
    expect(ErrorResponse.parse(res.json()).error.code).toBe("UNAUTHENTICATED");
  });

  it("answers 401 for an unknown or malformed key", async () => {
    for (const authorization of ["Bearer chk_not-a-real-key-but-long-enough", "Bearer x", "Basic abc"]) {
      const res = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { authorization } });
      expect(res.statusCode).toBe(401);
    }
  });

  it("admits a valid API key, scoped to its properties", async () => {
    const headers = await apiKeyHeaders(t, "AGENT", ["GOA"]);
    const res = await t.app.inject({ method: "GET", url: "/api/auth/me", headers });
    expect(res.statusCode).toBe(200);
    const { actor } = MeResponse.parse(res.json());
    const [goa] = await t.database.db.select().from(properties).where(eq(properties.code, "GOA"));
    expect(actor).toMatchObject({ type: "apiKey", role: "AGENT", propertyIds: [goa?.id] });
  });

  it("refuses a revoked key", async () => {
    const headers = await apiKeyHeaders(t, "ADMIN");
    await t.database.db.update(apiKeys).set({ revokedAt: new Date() });
    const res = await t.app.inject({ method: "GET", url: "/api/auth/me", headers });
    expect(res.statusCode).toBe(401);
  });

  it("leaves /health public", async () => {
    expect((await t.app.inject({ method: "GET", url: "/health" })).statusCode).toBe(200);
  });
});
