import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { messageLogs } from "@server/db/schema/index";
import { type OutboundHarness, startOutboundHarness } from "@test/outbound-harness";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Outbound attachments are checked against the file their URL serves (a HEAD to a real HTTP server
// here) before the send is accepted: what WhatsApp would refuse minutes later is refused now.

const MB = 1024 * 1024;
// path → what a HEAD for it answers
const FILES: Record<string, { status: number; type?: string; length?: number }> = {
  "/room.png": { status: 200, type: "image/png", length: 180_000 },
  "/huge.jpg": { status: 200, type: "image/jpeg", length: 6 * MB },
  "/page.jpg": { status: 200, type: "text/html; charset=utf-8", length: 5_000 },
  "/gone.jpg": { status: 404 },
  "/tour.mp4": { status: 200, type: "image/jpeg", length: 100_000 },
  "/signed.jpg": { status: 403 },
  "/menu.pdf": { status: 200, type: "application/pdf", length: 20 * MB },
};

let h: OutboundHarness;
let files: Server;
let base: string;
beforeAll(async () => {
  h = await startOutboundHarness();
  files = createServer((req, res) => {
    const file = FILES[req.url ?? ""] ?? { status: 404 };
    const headers: Record<string, string | number> = {};
    if (file.type) headers["content-type"] = file.type;
    if (file.length !== undefined) headers["content-length"] = file.length;
    res.writeHead(file.status, headers);
    res.end();
  });
  await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(async () => {
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
