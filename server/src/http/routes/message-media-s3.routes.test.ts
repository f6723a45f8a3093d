import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { mediaObjects, messageLogs, properties } from "@server/db/schema/index";
import { s3MediaStore } from "@server/domain/media/s3-media-store";
import { type S3TestServer, startS3Server } from "@test/s3-server";
import { createTestProperties, sessionHeaders } from "@test/staff-session";
import { buildWebhookTestApp, type WebhookTestApp } from "@test/webhook-harness";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// MEDIA_STORE=s3 end to end, against a real S3-compatible server (s3rver): a guest's photo arrives by
// webhook, the worker downloads it into the bucket, and the app serves it over real HTTP to staff of the
// thread's property, with the same checks as the other stores. Skipped with a warning where s3rver
// cannot start.
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(150_000, 9)]);

let s3: S3TestServer | undefined;
let files: http.Server;
let t: WebhookTestApp;
let base = "";

beforeAll(async () => {
  s3 = await startS3Server("commhub-http-media");
  if (!s3) return;
  files = http.createServer((req, res) => {
    if (req.url === "/photo.jpg") res.writeHead(200, { "content-type": "image/jpeg" }).end(photo);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
  const { bucket, endpoint, region, credentials } = s3.config;
  t = await buildWebhookTestApp({
    MEDIA_STORE: "s3",
    S3_BUCKET: bucket,
    S3_ENDPOINT: endpoint,
    S3_REGION: region,
    S3_FORCE_PATH_STYLE: "true",
    S3_ACCESS_KEY_ID: credentials?.accessKeyId,
    S3_SECRET_ACCESS_KEY: credentials?.secretAccessKey,
    MEDIA_FETCH_ALLOW_PRIVATE: "true",
  });
  const ids = await createTestProperties(t, "ALPHA", "BRAVO");
  await t.database.db
    .update(properties)
    .set({ isDefault: true })
    .where(eq(properties.id, ids.ALPHA ?? 0));
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t?.close();
  files?.close();
  await s3?.stop();
});
beforeEach((ctx) => {
  if (!s3) ctx.skip();
});

describe("MEDIA_STORE=s3 through the app", () => {
  it("the worker's download lands in the bucket and is served to the property's staff only", async () => {
    expect(t.deps.mediaStore.kind).toBe("s3");
    const id = "wamid.s3-photo-1";
    await t.deliver({
      app: "DemoApp",
      timestamp: 1718003620228,
      version: 2,
      type: "message",
      payload: {
        id,
        source: "919812345670",
        type: "image",
        payload: {
          caption: "the view",
          url: `http://localhost:${(files.address() as AddressInfo).port}/photo.jpg`,
          contentType: "image/jpeg",
        },
        sender: { phone: "919812345670", name: "Asha" },
      },
    });
    const [message] = await t.database.db
      .select()
      .from(messageLogs)
      .where(eq(messageLogs.providerMessageId, id));
    expect(message?.mediaStatus).toBe("STORED");
    const key = message?.mediaStoragePath ?? "";

    // In the bucket, read with a client of its own; nowhere else (no folder, no database rows).
    if (!s3) throw new Error("s3rver is not running");
    const bucket = s3MediaStore(s3.config);
    expect(await bucket.head(key)).toEqual({ size: photo.length });
    expect(await t.database.db.select().from(mediaObjects)).toEqual([]);
    expect(existsSync(path.join(t.deps.config.dataDir, "media"))).toBe(false);

    const url = `${base}/api/messages/${message?.id}/media`;
    const alpha = await sessionHeaders(t, "AGENT", ["ALPHA"]);
    const served = await fetch(url, { headers: { cookie: alpha.cookie } });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(served.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    expect(Buffer.from(await served.arrayBuffer()).equals(photo)).toBe(true);
    const part = await fetch(url, { headers: { cookie: alpha.cookie, range: "bytes=100000-100015" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100000-100015/${photo.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(photo.subarray(100_000, 100_016))).toBe(true);

    // Another property's staff, and no one signed in, get nothing from the bucket.
    const bravo = await sessionHeaders(t, "AGENT", ["BRAVO"]);
    const foreign = await fetch(url, { headers: { cookie: bravo.cookie } });
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    expect((await fetch(url)).status).toBe(401);
  }, 60_000);
});
