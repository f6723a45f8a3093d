import { WebhookEventListResponse, WebhookReplayResponse } from "@contract/webhook-events";
import { auditLogs, messageLogs } from "@server/db/schema/index";
import { apiKeyHeaders } from "@test/test-app";
import { buildWebhookTestApp, WEBHOOK_SECRET, type WebhookTestApp } from "@test/webhook-harness";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: WebhookTestApp;
let admin: { authorization: string };
beforeAll(async () => {
  t = await buildWebhookTestApp();
  admin = await apiKeyHeaders(t, "ADMIN");
});
afterAll(() => t.close());

const list = async (query: string, headers = admin) => {
  const res = await t.app.inject({ method: "GET", url: `/api/webhook-events${query}`, headers });
  return { status: res.statusCode, body: res.json() as unknown };
};

describe("GET /api/webhook-events and POST /api/webhook-events/:id/replay", () => {
  it("lists parked events for admins, a page at a time, without the secret; replays one once fixed", async () => {
    // Three events that cannot be processed (no usable phone) and one that can.
    for (const n of [1, 2, 3])
      await t.post({
        type: "message",
        payload: { phone: "n/a", message: `hello ${n}`, messageId: `bad-${n}` },
      });
    await t.post({ type: "message", payload: { phone: "919812345678", message: "fine", messageId: "good" } });
    await t.drain();

    const first = await list("?status=failed&limit=2");
    expect(first.status).toBe(200);
    const page1 = WebhookEventListResponse.parse(first.body);
    expect(page1.events.map((e) => e.dedupeKey)).toEqual(["msg:bad-3", "msg:bad-2"]);
    expect(page1.events[0]).toMatchObject({ status: "FAILED", kind: "message", method: "POST", query: null });
    expect(page1.events[0]?.lastError).toContain("not a phone number");
    expect(page1.events[0]?.body).toContain("hello 3");
    const page2 = WebhookEventListResponse.parse(
      (await list(`?status=FAILED&limit=2&cursor=${page1.nextCursor}`)).body,
    );
    expect(page2.events.map((e) => e.dedupeKey)).toEqual(["msg:bad-1"]);
    expect(page2.nextCursor).toBeNull();
    expect(JSON.stringify([first.body, page2])).not.toContain(WEBHOOK_SECRET);

    // The cause is fixed (here: the stored body is corrected), then an admin replays the event.
    const parked = page2.events[0];
    await t.database.db.execute(
      `update webhook_events set raw_body = replace(raw_body, '"n/a"', '"919812345679"') where id = ${parked?.id}`,
    );
    const res = await t.app.inject({
      method: "POST",
      url: `/api/webhook-events/${parked?.id}/replay`,
      headers: admin,
    });
    expect(res.statusCode).toBe(200);
    expect(WebhookReplayResponse.parse(res.json())).toMatchObject({
      event: { status: "RECEIVED" },
      queued: true,
    });
    await t.drain();
    const replayed = WebhookEventListResponse.parse((await list("?status=processed")).body);
    expect(replayed.events.map((e) => e.dedupeKey).sort()).toEqual(["msg:bad-1", "msg:good"]);
    expect(
      await t.database.db.select().from(messageLogs).where(eq(messageLogs.providerMessageId, "bad-1")),
    ).toHaveLength(1);
    const audit = await t.database.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.action, "webhook.replayed"));
    expect(audit).toMatchObject([
      { targetType: "webhook_event", targetId: String(parked?.id), outcome: "SUCCESS" },
    ]);
  });

  it("replaying a processed event changes nothing: processing is idempotent", async () => {
    const [good] = WebhookEventListResponse.parse((await list("?status=processed")).body).events.filter(
      (e) => e.dedupeKey === "msg:good",
    );
    const before = await t.database.db.select().from(messageLogs);
    await t.app.inject({ method: "POST", url: `/api/webhook-events/${good?.id}/replay`, headers: admin });
    await t.drain();
    expect(await t.database.db.select().from(messageLogs)).toEqual(before);
  });

  it("is for admins only; an unknown id is 404", async () => {
    const manager = await apiKeyHeaders(t, "MANAGER");
    expect((await list("?status=failed", manager)).status).toBe(403);
    const replay = await t.app.inject({
      method: "POST",
      url: "/api/webhook-events/1/replay",
      headers: manager,
    });
    expect(replay.statusCode).toBe(403);
    const missing = await t.app.inject({
      method: "POST",
      url: "/api/webhook-events/999999/replay",
      headers: admin,
    });
    expect(missing.statusCode).toBe(404);
    expect((await list("?status=bogus")).status).toBe(400);
  });
});
