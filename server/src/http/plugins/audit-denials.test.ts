import { auditLogs } from "@server/db/schema/index";
import { assertPropertyAccess, requireRole } from "@server/domain/access/property-scope";
import { requestCtx } from "@server/http/plugins/authenticate";
import { createTestProperties } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

// ASVS 16.3.2: refused authorisation leaves an audit entry, including the 404 a member of another
// property gets for a row it may not see (assertPropertyAccess).
let t: TestApp;
let ids: Record<string, number>;
beforeAll(async () => {
  t = await buildTestApp();
  ids = await createTestProperties(t, "ALPHA", "BRAVO");
  t.app.get(
    "/api/test/rows/:propertyId",
    { schema: { params: z.object({ propertyId: z.coerce.number() }) } },
    async (request) => {
      assertPropertyAccess(requestCtx(t.deps, request), request.params.propertyId, "thread", 42);
      return { secret: "row of the property" };
    },
  );
  t.app.get("/api/test/admin-only", async (request) => {
    requireRole(requestCtx(t.deps, request), "ADMIN");
    return {};
  });
});
afterAll(() => t.close());

const denials = () => t.database.db.select().from(auditLogs).where(eq(auditLogs.action, "access.denied"));

describe("denied access", () => {
  it("another property's row: 404 without data, and an access.denied audit entry", async () => {
    const headers = await apiKeyHeaders(t, "AGENT", ["ALPHA"]);
    const own = await t.app.inject({ method: "GET", url: `/api/test/rows/${ids.ALPHA}`, headers });
    expect(own.statusCode).toBe(200);
    const res = await t.app.inject({ method: "GET", url: `/api/test/rows/${ids.BRAVO}`, headers });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("row of the property");
    expect(await denials()).toEqual([
      expect.objectContaining({
        actorType: "API_KEY",
        outcome: "DENIED",
        targetType: "thread",
        targetId: "42",
        details: { method: "GET", route: "/api/test/rows/:propertyId" },
      }),
    ]);
  });

  it("a role check: 403 and an audit entry", async () => {
    const before = (await denials()).length;
    const res = await t.app.inject({
      method: "GET",
      url: "/api/test/admin-only",
      headers: await apiKeyHeaders(t, "AGENT", ["ALPHA"]),
    });
    expect(res.statusCode).toBe(403);
    expect((await denials()).length).toBe(before + 1);
  });
});
