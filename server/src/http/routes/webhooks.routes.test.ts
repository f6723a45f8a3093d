import { createHmac } from "node:crypto";
import { PassThrough } from "node:stream";
import { jobs, webhookEvents } from "@server/db/schema/index";
import { createDeps } from "@server/deps";
import { buildApp } from "@server/http/app";
import { createLogger } from "@server/logger";
import { fixtureRequest } from "@test/gupshup-fixtures";
import { testConfig } from "@test/test-app";
import { createTestDatabase } from "@test/test-db";
import { buildWebhookTestApp, WEBHOOK_SECRET, type WebhookTestApp } from "@test/webhook-harness";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

let t: WebhookTestApp;
beforeAll(async () => {
  t = await buildWebhookTestApp();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.database.db.delete(webhookEvents);
  await t.database.db.delete(jobs);
});

const text = fixtureRequest("v2-message-text.json").rawBody;
const metric = async (outcome: string) =>
  (await t.deps.metrics.webhookEvents.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

describe("POST /webhooks/gupshup", () => {
  it("stores the exact bytes, queues processing in the same commit, then answers 200 with an empty body", async () => {
    const res = await t.post(text);
    expect(res).toEqual({ statusCode: 200, body: "" });
    const [stored] = await t.storedEvents();
    expect(stored).toMatchObject({
      provider: "gupshup",
      dedupeKey: "msg:ABEGkZUTIXZ0Ago69N5XB9zTUbl-",
      kind: "message",
      status: "RECEIVED",
      rawBody: text,
      bodyEncoding: "utf8",
      contentType: "application/json",
      method: "POST",
      query: null,
    });
    const queued = await t.database.db.select().from(jobs);
    expect(queued.map((j) => [j.queue, j.payload])).toEqual([
      ["process-webhook-event", { webhookEventId: stored?.id }],
    ]);
    const ack = (await t.deps.metrics.webhookAckDuration.get()).values.find(
      (v) => v.metricName?.endsWith("_count") && v.labels.outcome === "stored",
    );
    expect(ack?.value).toBeGreaterThan(0);
  });

  it("answers a duplicate delivery 200 too, storing and queueing it once", async () => {
    const before = await metric("duplicate");
    expect((await t.post(text)).statusCode).toBe(200);
    expect((await t.post(text)).statusCode).toBe(200);
    expect(await t.storedEvents()).toHaveLength(1);
    expect(await t.database.db.select().from(jobs)).toHaveLength(1);
    expect(await metric("duplicate")).toBe(before + 1);
  });

  it("answers callbacks arriving together (duplicates among them) 200, each key stored and queued once", async () => {
    const before = await metric("duplicate");
    const bodies = Array.from({ length: 8 }, (_, i) =>
      JSON.stringify({
        ...JSON.parse(text),
        payload: { ...JSON.parse(text).payload, id: `wamid.together-${i}` },
      }),
    );
    const answers = await Promise.all([...bodies, ...bodies.slice(0, 3)].map((body) => t.post(body)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(11).fill(200));
    const rows = await t.storedEvents();
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual(
      bodies.map((_, i) => `msg:wamid.together-${i}`).sort(),
    );
    const queued = await t.database.db.select().from(jobs);
    expect(queued.map((j) => (j.payload as { webhookEventId: number }).webhookEventId).sort()).toEqual(
      rows.map((r) => r.id).sort(),
    );
    expect(await metric("duplicate")).toBe(before + 3);
  });

  it("keeps a body that is not UTF-8 (or holds NUL) byte for byte in base64, marked UNPARSEABLE, with no job", async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x22, 0x7d]);
    expect((await t.post(bytes)).statusCode).toBe(200);
    const nul = Buffer.from('{"type":"message"}\u0000', "utf8");
    expect((await t.post(nul, { contentType: "text/plain" })).statusCode).toBe(200);
    const rows = await t.storedEvents();
    expect(rows.map((r) => [r.status, r.bodyEncoding, Buffer.from(r.rawBody, "base64")])).toEqual([
      ["UNPARSEABLE", "base64", bytes],
      ["UNPARSEABLE", "base64", nul],
    ]);
    expect(await t.database.db.select().from(jobs)).toHaveLength(0);
  });

  it("keeps an authenticated body it cannot read as UNPARSEABLE, and reads JSON sent as any content type", async () => {
    expect((await t.post('{"type":"message",')).statusCode).toBe(200);
    expect((await t.post(text, { contentType: "application/xml" })).statusCode).toBe(200);
    const rows = await t.storedEvents();
    expect(rows.map((r) => [r.kind, r.status, r.rawBody])).toEqual([
      ["unparseable", "UNPARSEABLE", '{"type":"message",'],
      ["message", "RECEIVED", text],
    ]);
    expect(rows[0]?.lastError).toBe("body is not valid JSON");
  });

  it("refuses a body over 1 MiB with 413 and stores nothing", async () => {
    const huge = JSON.stringify({ type: "message", payload: { text: "x".repeat(1024 * 1024) } });
    expect((await t.post(huge)).statusCode).toBe(413);
    expect(await t.storedEvents()).toHaveLength(0);
  });

  it("answers 503 when the event cannot be stored, so Gupshup retries", async () => {
    await t.database.db.execute(sql`alter table webhook_events rename to webhook_events_away`);
    try {
      expect((await t.post(text)).statusCode).toBe(503);
    } finally {
      await t.database.db.execute(sql`alter table webhook_events_away rename to webhook_events`);
    }
    expect((await t.post(text)).statusCode).toBe(200);
    expect(await t.storedEvents()).toHaveLength(1);
  });
});

describe("GET /webhooks/gupshup/sms and URL checks", () => {
  it("stores a GET delivery report's query string, without our token", async () => {
    const query = fixtureRequest("sms-dlr-get.query.txt").query ?? "";
    const url = `/webhooks/gupshup/sms?${query}&token=${WEBHOOK_SECRET}`;
    expect((await t.app.inject({ method: "GET", url })).statusCode).toBe(200);
    const [row] = await t.storedEvents();
    expect(row).toMatchObject({ method: "GET", kind: "status", rawBody: query, query, status: "RECEIVED" });
    expect(row?.dedupeKey).toBe("st:3562707498794989059-328736121207676738:success");
  });

  it("stores an SMS report batch posted as a form", async () => {
    const form = fixtureRequest("sms-dlr-post-batch.form.txt").rawBody;
    const res = await t.post(form, {
      path: "/webhooks/gupshup/sms",
      contentType: "application/x-www-form-urlencoded",
    });
    expect(res.statusCode).toBe(200);
    expect((await t.storedEvents())[0]).toMatchObject({
      kind: "status",
      dedupeKey: expect.stringMatching(/^batch:/),
    });
  });

  it.each(["/webhooks/gupshup", "/webhooks/gupshup/sms"])(
    "answers GET and HEAD %s with 200 and stores nothing",
    async (path) => {
      const get = await t.app.inject({ method: "GET", url: path });
      expect([get.statusCode, get.json()]).toEqual([200, { status: "ok" }]);
      expect((await t.app.inject({ method: "GET", url: `${path}?token=${WEBHOOK_SECRET}` })).json()).toEqual({
        status: "ok",
      });
      expect((await t.app.inject({ method: "HEAD", url: path })).statusCode).toBe(200);
      expect(await t.storedEvents()).toHaveLength(0);
    },
  );
});

describe("webhook authentication", () => {
  const signature = (body: string, secret: string) =>
    `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

  it.each([
    ["no credentials", { token: null }],
    ["a wrong token", { token: "wrong-secret-0123456789" }],
    ["the secret's prefix", { token: WEBHOOK_SECRET.slice(0, -1) }],
    ["a wrong bearer", { token: null, headers: { authorization: "Bearer wrong-secret-0123456789" } }],
    [
      "a signature with the wrong key",
      { token: null, headers: { "x-hub-signature-256": signature(text, "other-key") } },
    ],
  ])("refuses %s with 401 and stores nothing", async (_label, options) => {
    const before = await metric("unauthorized");
    const res = await t.post(text, options);
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    expect(await t.storedEvents()).toHaveLength(0);
    expect(await t.database.db.select().from(jobs)).toHaveLength(0);
    expect(await metric("unauthorized")).toBe(before + 1);
  });

  it("accepts the secret as ?token=, as a Bearer header, or as an HMAC of the body, and never stores it", async () => {
    const bodies = [0, 1, 2].map((i) => text.replace("ABEGkZUTIXZ0Ago69N5XB9zTUbl-", `id-${i}`));
    expect((await t.post(bodies[0] ?? "")).statusCode).toBe(200);
    const bearer = { authorization: `Bearer ${WEBHOOK_SECRET}` };
    expect((await t.post(bodies[1] ?? "", { token: null, headers: bearer })).statusCode).toBe(200);
    const signed = { "x-hub-signature-256": signature(bodies[2] ?? "", WEBHOOK_SECRET) };
    expect((await t.post(bodies[2] ?? "", { token: null, headers: signed })).statusCode).toBe(200);
    const rows = await t.storedEvents();
    expect(rows).toHaveLength(3);
    expect(JSON.stringify(rows)).not.toContain(WEBHOOK_SECRET);
  });

  it("logs a refusal as a security line without the secret", async () => {
    const lines: string[] = [];
    const out = new PassThrough();
    out.on("data", (chunk: Buffer) => lines.push(chunk.toString()));
    const config = testConfig({ GUPSHUP_WEBHOOK_SECRET: WEBHOOK_SECRET });
    const database = await createTestDatabase();
    const app = await buildApp(createDeps(config, database, createLogger("info", out)));
    try {
      const wrong = `${WEBHOOK_SECRET}-x`;
      const res = await app.inject({
        method: "POST",
        url: `/webhooks/gupshup?token=${wrong}`,
        payload: text,
      });
      expect(res.statusCode).toBe(401);
      const log = lines.join("");
      expect(log).toContain('"security":"webhook_rejected"');
      expect(log).not.toContain(WEBHOOK_SECRET);
      expect(await database.db.select().from(webhookEvents)).toHaveLength(0);
    } finally {
      await app.close();
      await database.close();
    }
  });

  it("refuses callbacks from outside GUPSHUP_WEBHOOK_IPS even with the right secret", async () => {
    const guarded = await buildWebhookTestApp({ GUPSHUP_WEBHOOK_IPS: "10.0.0.0/8, 2001:db8::/32" });
    try {
      const url = `/webhooks/gupshup?token=${WEBHOOK_SECRET}`;
      const from = (remoteAddress: string) =>
        guarded.app.inject({ method: "POST", url, payload: text, remoteAddress });
      expect((await from("192.168.1.9")).statusCode).toBe(401);
      expect(await guarded.storedEvents()).toHaveLength(0);
      expect((await from("10.20.30.40")).statusCode).toBe(200);
      expect(await guarded.storedEvents()).toHaveLength(1);
    } finally {
      await guarded.close();
    }
  });

  it("accepts unauthenticated callbacks only when no secret is configured", async () => {
    const open = await buildWebhookTestApp({ GUPSHUP_WEBHOOK_SECRET: undefined });
    try {
      const res = await open.app.inject({ method: "POST", url: "/webhooks/gupshup", payload: text });
      expect(res.statusCode).toBe(200);
      expect(
        await open.database.db.select().from(webhookEvents).where(eq(webhookEvents.kind, "message")),
      ).toHaveLength(1);
    } finally {
      await open.close();
    }
  });
});
