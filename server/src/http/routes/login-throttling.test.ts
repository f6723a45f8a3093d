import { ErrorResponse } from "@contract/errors";
import { auditLogs } from "@server/db/schema/index";
import { canary } from "@test/canary";
import { createTestStaff, type TestStaff } from "@test/staff-session";
import { buildTestApp, type TestApp } from "@test/test-app";
import { like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// Scenario 20: brute force is throttled, enumeration gives nothing away, every attempt is audited.
// TRUST_PROXY lets the tests speak from several client addresses through X-Forwarded-For.
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

const login = (email: string, password: string, ip = "203.0.113.7") =>
  t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password },
    headers: { "x-forwarded-for": ip },
  });

async function auditCount(action: string): Promise<number> {
  return (await t.database.db.select().from(auditLogs).where(like(auditLogs.action, action))).length;
}

describe("login throttling per (account, address)", () => {
  let staff: TestStaff;
  beforeEach(async () => {
    staff = await createTestStaff(t);
  });

  it("20 wrong passwords: 401 five times, then 429 with Retry-After; even the right one waits", async () => {
    const statuses: number[] = [];
    let locked: Awaited<ReturnType<typeof login>> | undefined;
    for (let i = 0; i < 20; i++) {
      const res = await login(staff.email, canary("password"));
      statuses.push(res.statusCode);
      if (res.statusCode === 429) locked = res;
    }
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(15).fill(429)]);
    expect(locked?.headers["retry-after"]).toBe("900");
    expect(ErrorResponse.parse(locked?.json()).error.code).toBe("RATE_LIMITED");
    expect((await login(staff.email, staff.password)).statusCode).toBe(429);

    clock += 14 * 60_000;
    const stillLocked = await login(staff.email, staff.password);
    expect(stillLocked.statusCode).toBe(429);
    expect(stillLocked.headers["retry-after"]).toBe("60");

    clock += 60_000;
    expect((await login(staff.email, staff.password)).statusCode).toBe(200);
  });

  it("locks the pair, not the account: the same user from another address still signs in", async () => {
    for (let i = 0; i < 5; i++) await login(staff.email, canary("password"), "198.51.100.1");
    expect((await login(staff.email, staff.password, "198.51.100.1")).statusCode).toBe(429);
    expect((await login(staff.email, staff.password, "198.51.100.2")).statusCode).toBe(200);
  });

  it("a success resets the count: four failures, a success, four failures is never locked", async () => {
    for (let i = 0; i < 4; i++) await login(staff.email, canary("password"));
    expect((await login(staff.email, staff.password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(staff.email, canary("password"))).statusCode).toBe(401);
    expect((await login(staff.email, staff.password)).statusCode).toBe(200);
  });

  it("locks an unknown email exactly like a known one (no enumeration through the lock)", async () => {
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < 7; i++) {
      unknown.push((await login("ghost@hotel.test", canary("password"), "192.0.2.50")).statusCode);
      known.push((await login(staff.email, canary("password"), "192.0.2.51")).statusCode);
    }
    expect(unknown).toEqual(known);
    const a = await login("ghost@hotel.test", canary("password"), "192.0.2.50");
    const b = await login(staff.email, canary("password"), "192.0.2.51");
    const strip = (body: string) => ({ ...JSON.parse(body).error, requestId: undefined });
    expect(strip(a.body)).toEqual(strip(b.body));
    expect(a.headers["retry-after"]).toBe(b.headers["retry-after"]);
  });
});

describe("login throttling per address", () => {
  it("200 different usernames from one address trip the address limiter after 100 failures", async () => {
    const ip = "203.0.113.99";
    const before = await auditCount("auth.login.%");
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++)
      statuses.push((await login(`user${i}@hotel.test`, canary("password"), ip)).statusCode);
    expect(statuses.indexOf(429)).toBe(100);
    expect(statuses.slice(100).every((s) => s === 429)).toBe(true);
    expect((await login("someone@hotel.test", canary("password"), "203.0.113.100")).statusCode).toBe(401);
    // Every attempt left an audit entry: 100 failures and 100 refusals.
    expect((await auditCount("auth.login.%")) - before).toBe(201);
    expect(await auditCount("auth.login.locked")).toBeGreaterThanOrEqual(100);
  });
});
