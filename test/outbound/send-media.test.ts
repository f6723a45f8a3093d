import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { messageLogs } from "@server/db/schema/index";
import { type OutboundHarness, startOutboundHarness } from "@test/outbound-harness";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Outbound attachments are checked against the file their URL serves (a HEAD to a real HTTP server
// here, reached by host name as real file hosts are) before the send is accepted: what WhatsApp would
// refuse minutes later is refused now. Loopback is allowed through the real MEDIA_FETCH_ALLOW_PRIVATE.

const MB = 1024 * 1024;
// path → what a HEAD for it answers
const FILES: Record<string, { status: number; type?: string; length?: number; location?: string }> = {
  "/room.png": { status: 200, type: "image/png", length: 180_000 },
  "/huge.jpg": { status: 200, type: "image/jpeg", length: 6 * MB },
  "/page.jpg": { status: 200, type: "text/html; charset=utf-8", length: 5_000 },
  "/gone.jpg": { status: 404 },
  "/tour.mp4": { status: 200, type: "image/jpeg", length: 100_000 },
  "/signed.jpg": { status: 403 },
  "/menu.pdf": { status: 200, type: "application/pdf", length: 20 * MB },
  "/latest/room.png": { status: 302, location: "/room.png" },
  "/latest/huge.jpg": { status: 301, location: "/huge.jpg" },
  "/metadata.png": { status: 302, location: "http://169.254.169.254/latest/meta-data/" },
  "/intranet.png": { status: 307, location: "http://[::ffff:10.0.0.7]/room.png" },
};
// HEAD requests for this path are taken and never answered.
const SLOW = "/slow.png";

let h: OutboundHarness;
let files: Server;
let base: string;
beforeAll(async () => {
  h = await startOutboundHarness({ MEDIA_FETCH_ALLOW_PRIVATE: "true" });
  files = createServer((req, res) => {
    if (req.url === SLOW) return;
    const file = FILES[req.url ?? ""] ?? { status: 404 };
    const headers: Record<string, string | number> = {};
    if (file.type) headers["content-type"] = file.type;
    if (file.length !== undefined) headers["content-length"] = file.length;
    if (file.location) headers.location = file.location;
    res.writeHead(file.status, headers);
    res.end();
  });
  await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
  base = `http://localhost:${(files.address() as AddressInfo).port}`;
});
afterAll(async () => {
  files.closeAllConnections();
  await new Promise((resolve) => files.close(resolve));
  await h.close();
});

let next = 0;
const guest = async () => {
  const digits = `9198${String(Date.now() % 1_000_000).padStart(6, "0")}${String(next++ % 100).padStart(2, "0")}`;
  await h.guestWrites(digits);
  return digits;
};
const messageCount = async () =>
  (await h.t.database.db.select({ n: sql<number>`count(*)::int` }).from(messageLogs))[0]?.n ?? 0;

describe("an attachment the provider can take", () => {
  it.each([
    ["an image under 5 MB", "image", "/room.png"],
    ["a 20 MB PDF (documents go up to 100 MB)", "document", "/menu.pdf"],
    ["a URL pre-signed for GET only (HEAD → 403): left to the provider", "image", "/signed.jpg"],
    ["an image behind a redirect", "image", "/latest/room.png"],
    ["a file whose server does not answer the check in time: left to the provider", "image", SLOW],
  ] as const)("is sent: %s", async (_label, type, file) => {
    const phone = await guest();
    const res = await h.send({ phone, channel: "WHATSAPP", media: { type, url: `${base}${file}` } });
    expect(res.status).toBe(200);
    expect(h.sendsTo(phone)).toHaveLength(1);
  });
});

describe("an attachment WhatsApp would refuse", () => {
  it.each([
    [
      "over WhatsApp's 5 MB image limit",
      "image",
      "/huge.jpg",
      /6\.0 MB; WhatsApp takes image files up to 5 MB/,
    ],
    ["a web page, not a file", "image", "/page.jpg", /web page/],
    ["gone (404)", "image", "/gone.jpg", /could not fetch it: media server answered 404/],
    ["another kind of file than declared", "video", "/tour.mp4", /serves image\/jpeg, not a video/],
    ["over the limit behind a redirect", "image", "/latest/huge.jpg", /6\.0 MB; WhatsApp takes image/],
  ] as const)("is refused before anything is stored: %s", async (_label, type, file, reason) => {
    const phone = await guest();
    const before = await messageCount();
    const res = await h.send({ phone, channel: "WHATSAPP", media: { type, url: `${base}${file}` } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(res.body.error.message).toMatch(reason);
    expect(res.body.error.message).toContain("media.url");
    expect(await messageCount()).toBe(before);
    expect(h.sendsTo(phone)).toHaveLength(0);
  });
});

describe("an attachment URL that leads to a private address", () => {
  it("is refused at the first hop and at every redirect when only the file server is allowed", async () => {
    const guarded = await startOutboundHarness({ MEDIA_FETCH_ALLOW_PRIVATE: "127.0.0.1" });
    try {
      await guarded.guestWrites("919811112222");
      const send = (url: string) =>
        guarded.send({ phone: "919811112222", channel: "WHATSAPP", media: { type: "image", url } });
      expect((await send(`${base}/room.png`)).status).toBe(200);
      for (const route of ["/metadata.png", "/intranet.png"]) {
        const res = await send(`${base}${route}`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/media\.url.*private address/);
      }
      const direct = await send("http://169.254.169.254/latest/meta-data/");
      expect(direct.status).toBe(400);
      expect(guarded.sendsTo("919811112222")).toHaveLength(1);
    } finally {
      await guarded.close();
    }
  });
});
