import { ApiKeyListResponse, CreatedApiKeyResponse } from "@contract/api-keys";
import { MeResponse } from "@contract/auth";
import { auditLogs } from "@server/db/schema/index";
import { createTestProperties, createTestStaff, type SignedIn, signIn } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: SignedIn;
let adminId: number;
beforeAll(async () => {
  t = await buildTestApp();
  await createTestProperties(t, "GOA");
  const staff = await createTestStaff(t, { role: "ADMIN" });
  adminId = staff.id;
  admin = await signIn(t, staff);
});
afterAll(() => t.close());

const create = (headers: Record<string, string>, payload: Record<string, unknown>) =>
  t.app.inject({ method: "POST", url: "/api/api-keys", headers, payload });

describe("API keys over HTTP", () => {
  it("an admin creates a key, sees it once, and it works as Authorization: Bearer", async () => {
    const res = await create(admin.headers, {
      name: "booking engine",
      role: "AGENT",
      propertyCodes: ["GOA"],
    });
    expect(res.statusCode).toBe(201);
    const { apiKey, key } = CreatedApiKeyResponse.parse(res.json());
    expect(key).toMatch(/^chk_[\w-]{43}$/);
    expect(apiKey).toMatchObject({
      name: "booking engine",
      role: "AGENT",
      propertyCodes: ["GOA"],
      createdById: adminId,
    });
    expect(key.startsWith(apiKey.prefix)).toBe(true);

    const me = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { authorization: `Bearer ${key}` },
    });
    expect(MeResponse.parse(me.json()).actor).toMatchObject({
      type: "apiKey",
      apiKeyId: apiKey.id,
      role: "AGENT",
    });

    const list = await t.app.inject({ method: "GET", url: "/api/api-keys", headers: admin.headers });
    expect(list.body).not.toContain(key);
    const listed = ApiKeyListResponse.parse(list.json()).apiKeys.find((k) => k.id === apiKey.id);
    expect(listed).toMatchObject({ prefix: apiKey.prefix, revokedAt: null });
    expect(listed?.lastUsedAt).not.toBeNull();
  });

  it("DELETE revokes: the key answers 401 from then on; revoking twice is fine; unknown id is 404", async () => {
    const { apiKey, key } = CreatedApiKeyResponse.parse(
      (await create(admin.headers, { name: "old", role: "AGENT" })).json(),
    );
    const del = () =>
      t.app.inject({ method: "DELETE", url: `/api/api-keys/${apiKey.id}`, headers: admin.headers });
    expect((await del()).statusCode).toBe(204);
    expect((await del()).statusCode).toBe(204);
    const me = await t.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { authorization: `Bearer ${key}` },
    });
    expect(me.statusCode).toBe(401);
    const missing = await t.app.inject({
      method: "DELETE",
      url: "/api/api-keys/999999",
      headers: admin.headers,
    });
    expect(missing.statusCode).toBe(404);
  });

  it("is for admins only: a manager or agent gets 403", async () => {
    const manager = await signIn(t, await createTestStaff(t, { role: "MANAGER", propertyCodes: ["GOA"] }));
    expect((await create(manager.headers, { name: "x", role: "ADMIN" })).statusCode).toBe(403);
    const agentKey = await apiKeyHeaders(t, "AGENT", ["GOA"]);
    expect((await t.app.inject({ method: "GET", url: "/api/api-keys", headers: agentKey })).statusCode).toBe(
      403,
    );
  });

  it("refuses an unknown property code with 400", async () => {
    const res = await create(admin.headers, { name: "x", role: "AGENT", propertyCodes: ["NOPE"] });
    expect(res.statusCode).toBe(400);
  });

  it("audits creation and revocation with the acting admin, never the key", async () => {
    const { apiKey, key } = CreatedApiKeyResponse.parse(
      (await create(admin.headers, { name: "audited", role: "AGENT" })).json(),
    );
    await t.app.inject({ method: "DELETE", url: `/api/api-keys/${apiKey.id}`, headers: admin.headers });
    const entries = await t.database.db.select().from(auditLogs).where(like(auditLogs.action, "api_key.%"));
    const mine = entries.filter((e) => e.targetId === String(apiKey.id));
    expect(mine.map((e) => [e.action, e.actorType, e.actorId])).toEqual([
      ["api_key.created", "STAFF", adminId],
      ["api_key.revoked", "STAFF", adminId],
    ]);
    expect(JSON.stringify(entries)).not.toContain(key);
  });
});

// Issue 14, finding 7: keys that expire, and when a key was last used (without a write per request).
describe("API key expiry and last use", () => {
  let clock = new Date("2027-03-01T10:00:00.000Z");
  let c: TestApp;
  let adminKey: Record<string, string>;
  beforeAll(async () => {
    c = await buildTestApp({}, { now: () => clock });
    adminKey = await apiKeyHeaders(c, "ADMIN");
  });
  afterAll(() => c.close());
  const me = (token: string) =>
    c.app.inject({ method: "GET", url: "/api/auth/me", headers: { authorization: `Bearer ${token}` } });
  const listed = async (id: number) => {
    const list = await c.app.inject({ method: "GET", url: "/api/api-keys", headers: adminKey });
    return ApiKeyListResponse.parse(list.json()).apiKeys.find((k) => k.id === id);
  };

  it("a key created with expiresAt works until then and is refused like a revoked one after", async () => {
    const res = await c.app.inject({
      method: "POST",
      url: "/api/api-keys",
      headers: adminKey,
      payload: { name: "pilot", role: "AGENT", expiresAt: "2027-03-02T10:00:00Z" },
    });
    expect(res.statusCode).toBe(201);
    const { apiKey, key } = CreatedApiKeyResponse.parse(res.json());
    expect(apiKey.expiresAt).toBe("2027-03-02T10:00:00.000Z");
    expect((await listed(apiKey.id))?.expiresAt).toBe("2027-03-02T10:00:00.000Z");
    expect((await me(key)).statusCode).toBe(200);
    clock = new Date("2027-03-02T09:59:59.000Z");
    expect((await me(key)).statusCode).toBe(200);
    clock = new Date("2027-03-02T10:00:00.000Z");
    const expired = await me(key);
    expect([expired.statusCode, expired.json().error.code]).toEqual([401, "UNAUTHENTICATED"]);
    // A key without expiresAt never expires.
    const forever = CreatedApiKeyResponse.parse(
      (
        await c.app.inject({
          method: "POST",
          url: "/api/api-keys",
          headers: adminKey,
          payload: { name: "forever", role: "AGENT" },
        })
      ).json(),
    );
    expect(forever.apiKey.expiresAt).toBeNull();
    clock = new Date("2099-01-01T00:00:00.000Z");
    expect((await me(forever.key)).statusCode).toBe(200);
  });

  it("refuses an expiry in the past or not a timestamp with 400 VALIDATION_FAILED", async () => {
    clock = new Date("2027-03-01T10:00:00.000Z");
    for (const expiresAt of ["2027-03-01T09:59:59Z", "next tuesday"]) {
      const res = await c.app.inject({
        method: "POST",
        url: "/api/api-keys",
        headers: adminKey,
        payload: { name: "bad", role: "AGENT", expiresAt },
      });
      expect([res.statusCode, res.json().error.code]).toEqual([400, "VALIDATION_FAILED"]);
    }
  });

  it("shows lastUsedAt in the list, written at most once a minute per key", async () => {
    clock = new Date("2027-04-01T08:00:00.000Z");
    const res = await c.app.inject({
      method: "POST",
      url: "/api/api-keys",
      headers: adminKey,
      payload: { name: "hot", role: "AGENT" },
    });
    const { apiKey, key } = CreatedApiKeyResponse.parse(res.json());
    expect((await listed(apiKey.id))?.lastUsedAt).toBeNull();
    await me(key);
    expect((await listed(apiKey.id))?.lastUsedAt).toBe("2027-04-01T08:00:00.000Z");
    clock = new Date("2027-04-01T08:00:59.000Z");
    await me(key);
    expect((await listed(apiKey.id))?.lastUsedAt).toBe("2027-04-01T08:00:00.000Z");
    clock = new Date("2027-04-01T08:01:01.000Z");
    await me(key);
    expect((await listed(apiKey.id))?.lastUsedAt).toBe("2027-04-01T08:01:01.000Z");
  });
});
