import { loginThrottles } from "@server/db/schema/index";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releaseLoginAttempt } from "./release-login-attempt";
import { reserveLoginAttempt } from "./reserve-login-attempt";

let h: TestHarness;
beforeAll(async () => {
  h = await createTestHarness();
  const fixed = new Date("2026-11-25T08:00:00Z");
  h.deps.now = () => fixed;
});
afterAll(() => h.close());

describe(reserveLoginAttempt.name, () => {
  it("lets exactly 5 of 30 concurrent guesses through (the count is taken under a row lock)", async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        reserveLoginAttempt(h.ctx(), { email: "race@hotel.test", ip: "10.1.1.1" }),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    for (const refused of results.filter((r) => !r.allowed)) {
      expect(refused).toEqual({ allowed: false, retryAfterSeconds: 900 });
    }
  });

  it("keeps no email or address in clear", async () => {
    await reserveLoginAttempt(h.ctx(), { email: "clear@hotel.test", ip: "10.9.9.9" });
    const rows = JSON.stringify(await h.database.db.select().from(loginThrottles));
    expect(rows).not.toContain("clear@hotel.test");
    expect(rows).not.toContain("10.9.9.9");
  });

  it("a released (successful) attempt gives its count back", async () => {
    for (let i = 0; i < 10; i++) {
      const r = await reserveLoginAttempt(h.ctx(), { email: "ok@hotel.test", ip: "10.2.2.2" });
      expect(r.allowed).toBe(true);
      if (r.allowed) await releaseLoginAttempt(h.ctx(), r.keys);
    }
  });
});
