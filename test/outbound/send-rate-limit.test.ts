import { ErrorResponse } from "@contract/errors";
import { messageLogs } from "@server/db/schema/index";
import { type OutboundHarness, startOutboundHarness } from "@test/outbound-harness";
import { apiKeyHeaders } from "@test/test-app";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 14, finding 7: POST /api/messages/send had no per-key budget, so one leaked key could queue
// messages to guests without limit. SEND_API_RATE_PER_MINUTE caps sends per caller, over real HTTP.

let h: OutboundHarness;
beforeAll(async () => {
  h = await startOutboundHarness({ SEND_API_RATE_PER_MINUTE: "3" });
});
afterAll(() => h.close());

const messageCount = async () =>
  (await h.t.database.db.select({ n: sql<number>`count(*)::int` }).from(messageLogs))[0]?.n ?? 0;
const sms = (n: number) => ({
  phone: `+91 98765 4${String(n).padStart(4, "0")}`,
  message: "Hi",
  channel: "SMS",
});
const post = (headers: Record<string, string>, n: number) =>
  fetch(`${h.url}/api/messages/send`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(sms(n)),
  });

describe("the per-key send budget", () => {
  it("answers 429 RATE_LIMITED with Retry-After past the budget, stores nothing, and leaves other keys alone", async () => {
    const key = await apiKeyHeaders(h.t, "ADMIN");
    // The budget is a fixed window on the clock's minute: start well inside one, so that all four
    // requests fall in it (a CI run once crossed the boundary between the third and the fourth).
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 200));
    for (let n = 1; n <= 3; n++) expect((await post(key, n)).status).toBeLessThan(300);
    const before = await messageCount();
    const refused = await post(key, 4);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = ErrorResponse.parse(await refused.json());
    expect(body.error.code).toBe("RATE_LIMITED");
    expect(await messageCount()).toBe(before);
    // Another caller has its own budget.
    expect((await post(await apiKeyHeaders(h.t, "ADMIN"), 5)).status).toBeLessThan(300);
  }, 90_000);
});
