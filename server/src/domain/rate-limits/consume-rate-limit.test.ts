import { rateLimitCounters } from "@server/db/schema/index";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumeRateLimit } from "./consume-rate-limit";

let h: TestHarness;
let clock = Date.parse("2026-11-25T08:00:10Z");
beforeAll(async () => {
  h = await createTestHarness();
  h.deps.now = () => new Date(clock);
});
afterAll(() => h.close());

describe(consumeRateLimit.name, () => {
  it("allows exactly `limit` of 50 concurrent requests in one window", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        consumeRateLimit(h.ctx(), { key: "race", limit: 12, windowSeconds: 60 }),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(12);
    expect(Math.min(...results.map((r) => r.remaining))).toBe(0);
    expect(results[0]?.resetSeconds).toBe(50);
  });

  it("starts afresh in the next window and keeps one row per key", async () => {
    const take = () => consumeRateLimit(h.ctx(), { key: "windows", limit: 2, windowSeconds: 60 });
    expect((await take()).allowed).toBe(true);
    expect((await take()).allowed).toBe(true);
    expect((await take()).allowed).toBe(false);
    clock += 60_000;
    expect(await take()).toMatchObject({ allowed: true, remaining: 1 });
    const rows = await h.database.db
      .select()
      .from(rateLimitCounters)
      .where(eq(rateLimitCounters.key, "windows"));
    expect(rows).toHaveLength(1);
  });
});
