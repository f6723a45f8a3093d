import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { jobs, mediaObjects, messageLogs } from "@server/db/schema/index";
import type { MediaStore } from "@server/domain/media/media-store";
import type { BusEvent } from "@server/realtime/event-bus";
import { buildWebhookTestApp, type WebhookTestApp } from "@test/webhook-harness";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A real media server reached by host name (`localhost`), as Gupshup's and Meta's media URLs are: the job
// downloads over HTTP exactly as it would from them. Loopback is allowed through the real switch.
const photo = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from(Array.from({ length: 700 }, (_, i) => i % 256)),
]);
const page = Buffer.from("<!doctype html><script>fetch('/api/auth/me')</script>");
let server: http.Server;
let base = "";
let flakyCalls = 0;
let t: WebhookTestApp;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/photo.jpg") return res.writeHead(200, { "content-type": "image/jpeg" }).end(photo);
    if (req.url === "/moved") return res.writeHead(302, { location: "/photo.jpg" }).end();
    if (req.url === "/big") return res.writeHead(200).end(Buffer.alloc(5000));
    if (req.url === "/page.jpg") return res.writeHead(200, { "content-type": "image/jpeg" }).end(page);
    if (req.url === "/slow")
      return res.writeHead(200, { "content-type": "image/jpeg" }).write(photo.subarray(0, 10));
    if (req.url === "/flaky") {
      flakyCalls += 1;
      if (flakyCalls === 1) return res.writeHead(503).end();
      return res.writeHead(200, { "content-type": "image/jpeg" }).end(photo);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
  t = await buildWebhookTestApp({
    MEDIA_MAX_BYTES: "4000",
    MEDIA_FETCH_TIMEOUT_MS: "1000",
    MEDIA_FETCH_ALLOW_PRIVATE: "true",
  });
});
afterAll(async () => {
  await t.close();
  server.closeAllConnections();
  server.close();
});

let seq = 0;
async function inboundImage(url: string, app: WebhookTestApp = t) {
  const id = `wamid.media-${++seq}`;
  const body = {
    app: "DemoApp",
    timestamp: 1718003620228,
    version: 2,
    type: "message",
    payload: {
      id,
      source: "919812345678",
      type: "image",
      payload: { caption: "receipt", url, contentType: "image/jpeg", urlExpiry: 1718608420228 },
      sender: { phone: "919812345678", name: "Asha" },
    },
  };
  expect((await app.post(body)).statusCode).toBe(200);
  await app.drain();
  const [row] = await app.database.db.select().from(messageLogs).where(eq(messageLogs.providerMessageId, id));
  if (!row) throw new Error("message not recorded");
  return row;
}

async function stored(store: MediaStore, key: string): Promise<Buffer | undefined> {
  const stream = await store.get(key);
  if (!stream) return undefined;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

const reload = async (id: number) =>
  (await t.database.db.select().from(messageLogs).where(eq(messageLogs.id, id)))[0];

describe("fetch-inbound-media", () => {
  it("stores the attachment under DATA_DIR/media and tells the inbox (following a redirect)", async () => {
    const seen: BusEvent[] = [];
    const unsubscribe = t.deps.bus.subscribe((e) => seen.push(e));
    const message = await inboundImage(`${base}/moved`);
    unsubscribe();
    const row = await reload(message.id);
    expect(row).toMatchObject({
      mediaStatus: "STORED",
      mediaSize: photo.length,
      mediaMimeType: "image/jpeg",
    });
    const file = path.join(t.deps.config.media.dir, row?.mediaStoragePath ?? "missing");
    expect(row?.mediaStoragePath).toMatch(new RegExp(`^\\d{4}-\\d{2}/${message.id}\\.jpg$`));
    expect(readFileSync(file)).toEqual(photo);
    expect(await stored(t.deps.mediaStore, row?.mediaStoragePath ?? "missing")).toEqual(photo);
    expect(seen.find((e) => e.type === "message.updated")?.payload).toMatchObject({
      id: message.id,
      media: { status: "STORED" },
    });
  });

  it("with MEDIA_STORE=postgres, keeps the bytes in the database and nothing under DATA_DIR/media", async () => {
    const inDb = await buildWebhookTestApp({ MEDIA_STORE: "postgres", MEDIA_FETCH_ALLOW_PRIVATE: "true" });
    try {
      expect(inDb.deps.mediaStore.kind).toBe("postgres");
      const message = await inboundImage(`${base}/photo.jpg`, inDb);
      const [row] = await inDb.database.db.select().from(messageLogs).where(eq(messageLogs.id, message.id));
      expect(row).toMatchObject({
        mediaStatus: "STORED",
        mediaSize: photo.length,
        mediaMimeType: "image/jpeg",
      });
      const key = row?.mediaStoragePath ?? "missing";
      expect(await stored(inDb.deps.mediaStore, key)).toEqual(photo);
      const objects = await inDb.database.db.select().from(mediaObjects);
      expect(objects).toEqual([expect.objectContaining({ key, size: photo.length, complete: true })]);
      expect(existsSync(inDb.deps.config.media.dir)).toBe(false);
    } finally {
      await inDb.close();
    }
  });

  it.each([
    ["a 404", "/expired", "media server answered 404"],
    ["a file over MEDIA_MAX_BYTES", "/big", "larger than 4000 bytes"],
  ])("marks the attachment FAILED at once on %s, keeping the reason", async (_label, route, reason) => {
    const message = await inboundImage(`${base}${route}`);
    const row = await reload(message.id);
    expect(row?.mediaStatus).toBe("FAILED");
    expect(JSON.stringify(row?.metadata)).toContain(reason);
    // Nothing half-written is left in the store.
    const keys: string[] = [];
    for await (const key of t.deps.mediaStore.keys()) keys.push(key);
    expect(keys.filter((key) => key.includes(`/${message.id}.`))).toEqual([]);
  });

  it("refuses URLs that are not http(s)", async () => {
    const message = await inboundImage("file:///etc/passwd");
    expect((await reload(message.id))?.mediaStatus).toBe("FAILED");
  });

  it("retries a download that failed for a passing reason", async () => {
    const message = await inboundImage(`${base}/flaky`);
    // The first try got a 503; with jittered backoff the retry may already have happened.
    expect(flakyCalls).toBeGreaterThanOrEqual(1);
    await t.database.db
      .update(jobs)
      .set({ runAt: new Date(0) })
      .where(eq(jobs.queue, "fetch-inbound-media"));
    await t.drain();
    expect((await reload(message.id))?.mediaStatus).toBe("STORED");
    expect(flakyCalls).toBe(2);
  });

  it("records the type the bytes show, not the one the sender declared", async () => {
    const message = await inboundImage(`${base}/page.jpg`);
    expect(await reload(message.id)).toMatchObject({
      mediaStatus: "STORED",
      mediaMimeType: "application/octet-stream",
    });
  });

  it("gives a server that stops sending until MEDIA_FETCH_TIMEOUT_MS, then retries", async () => {
    const message = await inboundImage(`${base}/slow`);
    const [job] = await t.database.db
      .select()
      .from(jobs)
      .where(
        sql`${jobs.queue} = 'fetch-inbound-media' and ${jobs.payload}->>'messageId' = ${String(message.id)}`,
      );
    expect(job?.lastError).toMatch(/aborted|timeout/);
    expect((await reload(message.id))?.mediaStatus).toBe("PENDING");
    await t.database.db.delete(jobs).where(eq(jobs.queue, "fetch-inbound-media"));
  });

  it.each([
    ["MEDIA_FETCH_ALLOW_PRIVATE=false", { MEDIA_FETCH_ALLOW_PRIVATE: "false" }],
    // With the real Gupshup the guard is on whatever NODE_ENV says (the test app runs as NODE_ENV=test).
    ["a real GUPSHUP_API_KEY and no MEDIA_FETCH_ALLOW_PRIVATE", { GUPSHUP_API_KEY: "live-key-123" }],
  ])("refuses a host name that resolves to loopback with %s", async (_label, env) => {
    const guarded = await buildWebhookTestApp(env);
    try {
      const message = await inboundImage(`${base}/photo.jpg`, guarded);
      const [row] = await guarded.database.db
        .select()
        .from(messageLogs)
        .where(eq(messageLogs.id, message.id));
      expect(row?.mediaStatus).toBe("FAILED");
      expect(JSON.stringify(row?.metadata)).toContain("resolves to a private address");
    } finally {
      await guarded.close();
    }
  });
});
