import { MeResponse } from "@contract/auth";
import { ErrorResponse } from "@contract/errors";
import { CreateStaffResponse, TemporaryPasswordResponse } from "@contract/staff";
import { auditLogs, staffUsers } from "@server/db/schema/index";
import { canary } from "@test/canary";
import { createTestProperties, createTestStaff, type SignedIn, signIn } from "@test/staff-session";
import { buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let ids: Record<string, number>;
let admin: SignedIn;
let goaManager: SignedIn;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await createTestProperties(t, "GOA", "PUNE");
  admin = await signIn(t, await createTestStaff(t, { role: "ADMIN" }));
  goaManager = await signIn(t, await createTestStaff(t, { role: "MANAGER", propertyCodes: ["GOA"] }));
});
afterAll(() => t.close());

type Method = "GET" | "POST" | "PATCH";
const call = (who: SignedIn, method: Method, url: string, payload?: object) =>
  t.app.inject({ method, url, headers: who.headers, payload });
const errorCode = (res: { json: () => unknown }) => ErrorResponse.parse(res.json()).error.code;

async function createAgent(by: SignedIn, propertyIds: number[]) {
  const email = `agent-${Math.random().toString(36).slice(2)}@hotel.test`;
  const res = await call(by, "POST", "/api/staff", { email, name: "New Agent", propertyIds });
  expect(res.statusCode, res.body).toBe(201);
  const { staff, temporaryPassword } = CreateStaffResponse.parse(res.json());
  return { id: staff.id, email, password: temporaryPassword };
}

describe("a temporary password from creation or reset", () => {
  it("signs in, but opens nothing but me, sign-out and the change itself until changed", async () => {
    const agent = await createAgent(admin, [ids.GOA as number]);
    expect(agent.password.length).toBeGreaterThanOrEqual(20);
    const [row] = await t.database.db.select().from(staffUsers).where(eq(staffUsers.id, agent.id));
    expect(row?.mustChangePassword).toBe(true);
    expect(row?.passwordHash).not.toContain(agent.password);

    const session = await signIn(t, agent);
    const me = MeResponse.parse((await call(session, "GET", "/api/auth/me")).json());
    expect(me.user?.mustChangePassword).toBe(true);
    for (const [method, url] of [
      ["GET", "/api/threads"],
      ["GET", "/api/%74hreads"],
      ["GET", "/api/staff"],
      ["GET", "/api/no-such-route"],
      ["PATCH", "/api/staff/1"],
      ["GET", "/api/events"],
    ] as const) {
      const res = await call(session, method, url, method === "PATCH" ? { name: "x" } : undefined);
      expect({ url, status: res.statusCode, code: errorCode(res) }).toEqual({
        url,
        status: 403,
        code: "PASSWORD_CHANGE_REQUIRED",
      });
    }

    const newPassword = canary("password");
    const changed = await call(session, "POST", "/api/auth/password", {
      currentPassword: agent.password,
      newPassword,
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await call(session, "GET", "/api/threads")).statusCode).toBe(200);
    const after = MeResponse.parse((await call(session, "GET", "/api/auth/me")).json());
    expect(after.user?.mustChangePassword).toBe(false);
    await expect(signIn(t, agent)).rejects.toThrow(/401/);
    await signIn(t, { email: agent.email, password: newPassword });
  });

  it("can always sign out", async () => {
    const agent = await createAgent(admin, [ids.GOA as number]);
    const session = await signIn(t, agent);
    expect((await call(session, "POST", "/api/auth/logout")).statusCode).toBe(204);
    expect((await call(session, "GET", "/api/auth/me")).statusCode).toBe(401);
  });

  it("a reset ends the person's sessions and hands out a new temporary password, audited without it", async () => {
    const agent = await createTestStaff(t, { role: "AGENT", propertyCodes: ["GOA"] });
    const old = await signIn(t, agent);
    const res = await call(admin, "POST", `/api/staff/${agent.id}/password-reset`);
    expect(res.statusCode, res.body).toBe(200);
    const { temporaryPassword } = TemporaryPasswordResponse.parse(res.json());
    expect((await call(old, "GET", "/api/auth/me")).statusCode).toBe(401);
    await expect(signIn(t, agent)).rejects.toThrow(/401/);
    const fresh = await signIn(t, { email: agent.email, password: temporaryPassword });
    expect(errorCode(await call(fresh, "GET", "/api/threads"))).toBe("PASSWORD_CHANGE_REQUIRED");
    const audits = await t.database.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.action, "staff.password.reset"));
    expect(audits.some((a) => a.targetId === String(agent.id) || Number(a.targetId) === agent.id)).toBe(true);
    expect(JSON.stringify(audits)).not.toContain(temporaryPassword);
  });
});

describe("who may reset a password", () => {
  it("managers: staff wholly inside their properties and below them, nobody else", async () => {
    const goaAgent = await createTestStaff(t, { role: "AGENT", propertyCodes: ["GOA"] });
    const sharedAgent = await createTestStaff(t, { role: "AGENT", propertyCodes: ["GOA", "PUNE"] });
    const puneAgent = await createTestStaff(t, { role: "AGENT", propertyCodes: ["PUNE"] });
    const peer = await createTestStaff(t, { role: "MANAGER", propertyCodes: ["GOA"] });
    const anAdmin = await createTestStaff(t, { role: "ADMIN" });
    const reset = (id: number) => call(goaManager, "POST", `/api/staff/${id}/password-reset`);
    expect((await reset(goaAgent.id)).statusCode).toBe(200);
    expect((await reset(sharedAgent.id)).statusCode).toBe(403);
    expect((await reset(peer.id)).statusCode).toBe(403);
    expect((await reset(anAdmin.id)).statusCode).toBe(404); // admins are not among a manager's staff
    expect((await reset(puneAgent.id)).statusCode).toBe(404);
    // The refused ones keep their passwords.
    for (const kept of [sharedAgent, peer, anAdmin, puneAgent]) await signIn(t, kept);
  });

  it("managers create staff only in their properties, with a temporary password", async () => {
    const agent = await createAgent(goaManager, [ids.GOA as number]);
    const session = await signIn(t, agent);
    expect(errorCode(await call(session, "GET", "/api/threads"))).toBe("PASSWORD_CHANGE_REQUIRED");
    const outside = await call(goaManager, "POST", "/api/staff", {
      email: "outside@hotel.test",
      name: "Outside",
      propertyIds: [ids.PUNE],
    });
    expect(outside.statusCode).toBe(403);
  });

  it("agents reset nobody, and nobody resets their own password this way", async () => {
    const agent = await signIn(t, await createTestStaff(t, { role: "AGENT", propertyCodes: ["GOA"] }));
    const other = await createTestStaff(t, { role: "AGENT", propertyCodes: ["GOA"] });
    expect((await call(agent, "POST", `/api/staff/${other.id}/password-reset`)).statusCode).toBe(403);
    const me = MeResponse.parse((await call(admin, "GET", "/api/auth/me")).json());
    const self = await call(admin, "POST", `/api/staff/${me.user?.id}/password-reset`);
    expect(self.statusCode).toBe(403);
  });
});

describe("POST /api/auth/password", () => {
  it("needs the current password, the policy, a different password and the CSRF token", async () => {
    const staff = await createTestStaff(t, { role: "AGENT", propertyCodes: ["GOA"] });
    const session = await signIn(t, staff);
    const other = await signIn(t, staff);
    const change = (payload: object, headers: Record<string, string> = session.headers) =>
      t.app.inject({ method: "POST", url: "/api/auth/password", headers, payload });
    const newPassword = canary("password");

    const noCsrf = await change({ currentPassword: staff.password, newPassword }, { cookie: session.cookie });
    expect(noCsrf.statusCode).toBe(403);
    const wrong = await change({ currentPassword: canary("password"), newPassword });
    expect(wrong.statusCode).toBe(400);
    expect(ErrorResponse.parse(wrong.json()).error.details).toMatchObject({ field: "currentPassword" });
    expect((await change({ currentPassword: staff.password, newPassword: "short" })).statusCode).toBe(400);
    const same = await change({ currentPassword: staff.password, newPassword: staff.password });
    expect(same.statusCode).toBe(400);
    await signIn(t, staff); // nothing above changed it

    expect((await change({ currentPassword: staff.password, newPassword })).statusCode).toBe(204);
    expect((await call(session, "GET", "/api/auth/me")).statusCode).toBe(200);
    expect((await call(other, "GET", "/api/auth/me")).statusCode).toBe(401);
    await signIn(t, { email: staff.email, password: newPassword });
  });

  it("is for staff sessions only: an API key has no password", async () => {
    const { apiKeyHeaders } = await import("@test/test-app");
    const key = await apiKeyHeaders(t, "ADMIN");
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/password",
      headers: key,
      payload: { currentPassword: "whatever1", newPassword: "whatever2" },
    });
    expect(res.statusCode).toBe(403);
  });
});
