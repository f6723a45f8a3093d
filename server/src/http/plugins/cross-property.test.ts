import { createApiKey } from "@server/domain/api-keys/create-api-key";
import { expectNoCrossPropertyAccess } from "@test/cross-property";
import { createTestProperties, sessionHeaders } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Scenario 19 on the routes this branch has: a member of property A aims every route at property B.
// Routes added by other issues (threads, messages, contacts, bookings) extend foreignParams/bodies.
let t: TestApp;
let foreignKeyId: number;
beforeAll(async () => {
  t = await buildTestApp();
  await createTestProperties(t, "ALPHA", "BRAVO");
  foreignKeyId = (
    await createApiKey(t.ctx(), { name: "bravo-booking", role: "MANAGER", propertyCodes: ["BRAVO"] })
  ).id;
});
afterAll(() => t.close());

const options = () => ({
  foreignParams: { id: foreignKeyId },
  foreignMarkers: ["Hotel BRAVO", "bravo-booking"],
  bodies: { "POST /api/api-keys": { name: "mine", role: "MANAGER", propertyCodes: ["BRAVO"] } },
  exempt: {
    "POST /api/auth/logout": "acts on the caller's own session only",
  },
});

describe("cross-property access", () => {
  it("a property-A agent (session) reaches nothing of property B", async () => {
    const results = await expectNoCrossPropertyAccess(t, {
      headers: await sessionHeaders(t, "AGENT", ["ALPHA"]),
      ...options(),
    });
    expect(results.map((r) => r.route)).toContain("DELETE /api/api-keys/:id");
  });

  it("a property-A manager key reaches nothing of property B", async () => {
    await expectNoCrossPropertyAccess(t, {
      headers: await apiKeyHeaders(t, "MANAGER", ["ALPHA"]),
      ...options(),
    });
  });

  it("fails loudly for a route it cannot aim at the other property", async () => {
    await expect(
      expectNoCrossPropertyAccess(t, {
        headers: await apiKeyHeaders(t, "AGENT", ["ALPHA"]),
        foreignParams: {},
        foreignMarkers: [],
      }),
    ).rejects.toThrow(/routes without a cross-property case/);
  });
});
