import { sessions, staffUsers } from "@server/db/schema/index";
import { deactivateStaffAccount } from "@server/domain/auth/deactivate-staff-account";
import { revokeStaffSessions } from "@server/domain/auth/revoke-staff-sessions";
import { createTestStaff, signIn } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// Scenario 21: session hygiene. The clock is the app's injectable Deps.now.
let t: TestApp;
let clock: number;
beforeAll(async () => {
  t = await buildTestApp({ TRUST_PROXY: "true" });
  t.deps.now = () => new Date(clock);
});
beforeEach(() => {
  clock = Date.parse("2026-11-25T08:00:00Z");
});
afterAll(() => t.close());

const MINUTE = 60_000;
const me = (cookie: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie, ...headers } });

describe("the session cookie", () => {
  it("over https (X-Forwarded-Proto from a trusted proxy) is __Host- prefixed and Secure", async () => {
    const staff = await createTestStaff(t);
    const https = { "x-forwarded-proto": "https" };
    const session = await signIn(t, staff, https);
    expect(session.setCookie).toMatch(
      /^__Host-commhub_session=chs_[\w-]+; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(session.setCookie).not.toMatch(/Domain=/i);
    expect((await me(session.cookie, https)).statusCode).toBe(200);
    // The same token under the plain name, or the __Host- one over plain http, is not accepted.
    const token = session.cookie.split("=")[1];
    expect((await me(`commhub_session=${token}`, https)).statusCode).toBe(401);
    expect((await me(session.cookie)).statusCode).toBe(401);
  });

  it("ignores X-Forwarded-Proto when TRUST_PROXY is off (default): no one can fake https", async () => {
    const plain = await buildTestApp();
    try {
      const staff = await createTestStaff(plain);
      const session = await signIn(plain, staff, { "x-forwarded-proto": "https" });
      expect(session.setCookie).toMatch(/^commhub_session=/);
      expect(session.setCookie).not.toContain("Secure");
    } finally {
      await plain.close();
    }
  });

  it("is a new session at every sign-in; earlier sessions are left as they were", async () => {
    const staff = await createTestStaff(t);
    const first = await signIn(t, staff);
    const second = await signIn(t, staff);
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.csrfToken).not.toBe(first.csrfToken);
    expect((await me(first.cookie)).statusCode).toBe(200);
    expect((await me(second.cookie)).statusCode).toBe(200);
  });

  it("stores only a hash of the token", async () => {
    const staff = await createTestStaff(t);
    const session = await signIn(t, staff);
    const token = session.cookie.split("=")[1] ?? "";
    const rows = await t.database.db.select().from(sessions).where(eq(sessions.staffUserId, staff.id));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});

describe("ending sessions", () => {
  it("deactivating a user ends every session of theirs at once", async () => {
    const staff = await createTestStaff(t);
    const a = await signIn(t, staff);
    const b = await signIn(t, staff);
    await deactivateStaffAccount(t.ctx(), { email: staff.email });
    expect((await me(a.cookie)).statusCode).toBe(401);
    expect((await me(b.cookie)).statusCode).toBe(401);
  });

  it("deactivating through the staff API ends the user's sessions too", async () => {
    const staff = await createTestStaff(t);
    const session = await signIn(t, staff);
    const res = await t.app.inject({
      method: "PATCH",
      url: `/api/staff/${staff.id}`,
      headers: await apiKeyHeaders(t, "ADMIN"),
      payload: { isActive: false },
    });
    expect(res.statusCode).toBe(200);
    const rows = await t.database.db.select().from(sessions).where(eq(sessions.staffUserId, staff.id));
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
    expect((await me(session.cookie)).statusCode).toBe(401);
  });

  it("a user switched off by any other path is refused on the next request, and their sessions revoked", async () => {
    const staff = await createTestStaff(t);
    const session = await signIn(t, staff);
    await t.database.db.update(staffUsers).set({ isActive: false }).where(eq(staffUsers.id, staff.id));
    expect((await me(session.cookie)).statusCode).toBe(401);
    const rows = await t.database.db.select().from(sessions).where(eq(sessions.staffUserId, staff.id));
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
    await t.database.db.update(staffUsers).set({ isActive: true }).where(eq(staffUsers.id, staff.id));
    expect((await me(session.cookie)).statusCode).toBe(401);
  });

  it("revokeStaffSessions (for staff management) kills the cookies it covers", async () => {
    const staff = await createTestStaff(t);
    const session = await signIn(t, staff);
    expect(await revokeStaffSessions(t.ctx(), staff.id)).toBe(1);
    expect((await me(session.cookie)).statusCode).toBe(401);
  });
});

describe("timeouts", () => {
  it("idle: 30 minutes without a request ends the session; activity keeps it alive", async () => {
    const staff = await createTestStaff(t);
    const session = await signIn(t, staff);
    clock += 20 * MINUTE;
    expect((await me(session.cookie)).statusCode).toBe(200);
    clock += 20 * MINUTE;
    expect((await me(session.cookie)).statusCode).toBe(200);
    clock += 31 * MINUTE;
    expect((await me(session.cookie)).statusCode).toBe(401);
    clock -= 10 * MINUTE;
    expect((await me(session.cookie)).statusCode, "an idled-out session stays dead").toBe(401);
  });

  it("absolute: 12 hours after sign-in the session ends however active it was", async () => {
    const staff = await createTestStaff(t);
    const session = await signIn(t, staff);
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      clock += 20 * MINUTE;
      expect((await me(session.cookie)).statusCode).toBe(200);
    }
    clock = Date.parse("2026-11-25T20:00:00Z");
    expect((await me(session.cookie)).statusCode).toBe(401);
  });

  it("are configurable: SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS", async () => {
    const short = await buildTestApp({ SESSION_IDLE_MINUTES: "5", SESSION_ABSOLUTE_HOURS: "1" });
    try {
      short.deps.now = () => new Date(clock);
      const session = await signIn(short, await createTestStaff(short));
      expect(session.setCookie).toContain("Max-Age=3600;");
      clock += 6 * MINUTE;
      const res = await short.app.inject({
        method: "GET",
        url: "/api/auth/me",
        headers: { cookie: session.cookie },
      });
      expect(res.statusCode).toBe(401);
    } finally {
      await short.close();
    }
  });
});
