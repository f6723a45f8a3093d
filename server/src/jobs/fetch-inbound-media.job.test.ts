import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { jobs, messageLogs } from "@server/db/schema/index";
import type { BusEvent } from "@server/realtime/event-bus";
import { buildWebhookTestApp, type WebhookTestApp } from "@test/webhook-harness";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A real media server on loopback: the job downloads over HTTP exactly as it would from Gupshup.
const photo = Buffer.from(Array.from({ length: 700 }, (_, i) => i % 256));
let server: http.Server;
let base = "";
let flakyCalls = 0;
let t: WebhookTestApp;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/photo.jpg") return res.writeHead(200, { "content-type": "image/jpeg" }).end(photo);
    if (req.url === "/moved") return res.writeHead(302, { location: "/photo.jpg" }).end();
    if (req.url === "/big") return res.writeHead(200).end(Buffer.alloc(5000));
    if (req.url === "/flaky") {
      flakyCalls += 1;
      if (flakyCalls === 1) return res.writeHead(503).end();
      return res.writeHead(200, { "content-type": "image/jpeg" }).end(photo);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await buildWebhookTestApp({ MEDIA_MAX_BYTES: "4000" });
});
afterAll(async () => {
  await t.close();
  server.close();
});

let seq = 0;
async function inboundImage(url: string) {
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
  expect((await t.post(body)).statusCode).toBe(200);
  await t.drain();
  const [row] = await t.database.db.select().from(messageLogs).where(eq(messageLogs.providerMessageId, id));
  if (!row) throw new Error("message not recorded");
  return row;
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
    expect(seen.find((e) => e.type === "message.updated")?.payload).toMatchObject({
      id: message.id,
      media: { status: "STORED" },
    });
  });

  it.each([
    ["a 404", "/expired", "media server answered 404"],
    ["a file over MEDIA_MAX_BYTES", "/big", "larger than 4000 bytes"],
  ])("marks the attachment FAILED at once on %s, keeping the reason", async (_label, route, reason) => {
    const message = await inboundImage(`${base}${route}`);
    const row = await reload(message.id);
    expect(row?.mediaStatus).toBe("FAILED");
    expect(JSON.stringify(row?.metadata)).toContain(reason);
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

  it("refuses loopback and private addresses when MEDIA_FETCH_ALLOW_PRIVATE is false (the production default)", async () => {
    const guarded = await buildWebhookTestApp({ MEDIA_FETCH_ALLOW_PRIVATE: "false" });
    try {
      const body = {
        type: "message",
        payload: {
          id: "wamid.ssrf",
          source: "919812345678",
          type: "image",
          payload: { url: `${base}/photo.jpg`, contentType: "image/jpeg" },
          sender: { phone: "919812345678" },
        },
      };
      expect((await guarded.post(body)).statusCode).toBe(200);
      await guarded.drain();
      const [row] = await guarded.database.db.select().from(messageLogs);
      expect(row?.mediaStatus).toBe("FAILED");
      expect(JSON.stringify(row?.metadata)).toContain("private address");
    } finally {
      await guarded.close();
    }
  });
});
