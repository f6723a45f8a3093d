import { LoginResponse, MeResponse } from "@contract/auth";
import { ErrorResponse } from "@contract/errors";
import { hash } from "@node-rs/argon2";
import { auditLogs, staffUsers } from "@server/db/schema/index";
import { canary } from "@test/canary";
import { createTestProperties, createTestStaff, signIn, type TestStaff } from "@test/staff-session";
import { buildTestApp, type TestApp } from "@test/test-app";
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let ids: Record<string, number>;
beforeAll(async () => {
  t = await buildTestApp();
  ids = await createTestProperties(t, "GOA", "PUNE");
});
afterAll(() => t.close());

const login = (payload: { email: string; password: string }, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "POST", url: "/api/auth/login", payload, headers });

const me = (cookie: string) => t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie } });

describe("POST /api/auth/login", () => {
  it("signs a staff member in: HttpOnly SameSite=Lax cookie, profile with their properties, CSRF token", async () => {
    const staff = await createTestStaff(t, { role: "AGENT", propertyCodes: ["GOA"] });
    const res = await login(staff);
    expect(res.statusCode).toBe(200);
    const body = LoginResponse.parse(res.json());
    expect(body.user).toMatchObject({ id: staff.id, email: staff.email, role: "AGENT" });
    expect(body.user.properties).toEqual([{ id: ids.GOA, code: "GOA", name: "Hotel GOA" }]);
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(
      /^commhub_session=chs_[\w-]{40,}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("accepts the email in any case and with spaces around it", async () => {
    const staff = await createTestStaff(t);
    expect(
      (await login({ email: `  ${staff.email.toUpperCase()} `, password: staff.password })).statusCode,
    ).toBe(200);
  });

  it("answers an unknown account and a wrong password identically (status and body)", async () => {
    const staff = await createTestStaff(t);
    const wrong = await login({ email: staff.email, password: canary("password") });
    const unknown = await login({ email: "nobody@hotel.test", password: canary("password") });
    const deactivated = await createTestStaff(t);
    await t.database.db.update(staffUsers).set({ isActive: false }).where(eq(staffUsers.id, deactivated.id));
    const inactive = await login(deactivated);
    for (const res of [wrong, unknown, inactive]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers["set-cookie"]).toBeUndefined();
      const { error } = ErrorResponse.parse(res.json());
      expect({ code: error.code, message: error.message, details: error.details }).toEqual({
        code: "UNAUTHENTICATED",
        message: "email or password is incorrect",
        details: undefined,
      });
    }
  });

  it("audits every attempt: success, failure (with the reason), never the password", async () => {
    const staff = await createTestStaff(t);
    await login({ email: staff.email, password: canary("password") });
    await login(staff);
    const entries = await t.database.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.targetId, String(staff.id)));
    const logins = entries.filter((e) => e.action.startsWith("auth.login"));
    expect(logins.map((e) => [e.action, e.outcome, e.actorType])).toEqual([
      ["auth.login.failed", "FAILURE", "ANONYMOUS"],
      ["auth.login.succeeded", "SUCCESS", "STAFF"],
    ]);
    expect(logins[0]?.details).toEqual({ email: staff.email, reason: "wrong_password" });
    expect(logins[0]?.actorIp).toBe("127.0.0.1");
    expect(JSON.stringify(entries)).not.toContain(staff.password);
  });

  it("rejects a missing field with 400 before any password work", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "a@b.c" } });
    expect(res.statusCode).toBe(400);
  });

  it("re-hashes a password stored with weaker Argon2id parameters at the next sign-in", async () => {
    const staff = await createTestStaff(t);
    const weak = await hash(staff.password, { algorithm: 2, memoryCost: 8192, timeCost: 1, parallelism: 1 });
    await t.database.db.update(staffUsers).set({ passwordHash: weak }).where(eq(staffUsers.id, staff.id));
    expect((await login(staff)).statusCode).toBe(200);
    const [row] = await t.database.db.select().from(staffUsers).where(eq(staffUsers.id, staff.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await login(staff)).statusCode).toBe(200);
  });
});

describe("GET /api/auth/me and POST /api/auth/logout", () => {
  let staff: TestStaff;
  beforeAll(async () => {
    staff = await createTestStaff(t, { role: "MANAGER", propertyCodes: ["GOA", "PUNE"] });
  });

  it("tells a signed-in staff member who they are, with the CSRF token", async () => {
    const session = await signIn(t, staff);
    const res = await me(session.cookie);
    expect(res.statusCode).toBe(200);
    const body = MeResponse.parse(res.json());
    expect(body.actor).toEqual({
      type: "staff",
      staffUserId: staff.id,
      role: "MANAGER",
      propertyIds: [ids.GOA, ids.PUNE].sort(),
    });
    expect(body.user?.properties.map((p) => p.code)).toEqual(["GOA", "PUNE"]);
    expect(body.csrfToken).toBe(session.csrfToken);
  });

  it("ends the session server-side: the old cookie answers 401 afterwards", async () => {
    const session = await signIn(t, staff);
    const out = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: session.headers });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(
      /^commhub_session=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax$/,
    );
    expect((await me(session.cookie)).statusCode).toBe(401);
    const [entry] = await t.database.db.select().from(auditLogs).where(like(auditLogs.action, "auth.logout"));
    expect(entry).toMatchObject({ actorType: "STAFF", actorId: staff.id });
  });
});
