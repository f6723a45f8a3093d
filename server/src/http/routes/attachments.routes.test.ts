import { AttachmentResponse } from "@contract/composer";
import { outboundUploads } from "@server/db/schema/index";
import { createProperty } from "@test/factories";
import { type OutboundHarness, startOutboundHarness } from "@test/outbound-harness";
import { createTestStaff, type SignedIn, signIn } from "@test/staff-session";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Files attached in the composer: uploaded to the hub (typed by their bytes, checked per channel), served
// to the provider at an unguessable URL, and sent through the ordinary media send path and its checks.
const MB = 1024 * 1024;
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const PHONE = "919811100031";

let h: OutboundHarness;
let ravi: SignedIn["headers"];
let outsider: SignedIn["headers"];
let threadId: number;

beforeAll(async () => {
  h = await startOutboundHarness({ MEDIA_FETCH_ALLOW_PRIVATE: "true", MEDIA_MAX_BYTES: String(8 * MB) });
  await createProperty(h.t.database.db, { code: "GOA", isDefault: true, whatsappNumber: "917000000001" });
  await createProperty(h.t.database.db, { code: "BLR", whatsappNumber: "917000000002" });
  ravi = (await signIn(h.t, await createTestStaff(h.t, { propertyCodes: ["GOA"] }))).headers;
  outsider = (await signIn(h.t, await createTestStaff(h.t, { propertyCodes: ["BLR"] }))).headers;
  await h.guestWrites(PHONE, "Can you send a photo of the room?");
  const threads = await h.api("GET", `/api/threads?search=${PHONE}`, undefined, ravi);
  threadId = threads.body.threads[0].id;
});
afterAll(() => h.close());

const upload = async (
  bytes: Buffer,
  options: { type?: string; filename?: string; channel?: string; headers?: object; thread?: number } = {},
) => {
  const query = new URLSearchParams({
    channel: options.channel ?? "WHATSAPP",
    filename: options.filename ?? "room.png",
  });
  const res = await fetch(`${h.url}/api/threads/${options.thread ?? threadId}/attachments?${query}`, {
    method: "POST",
    headers: {
      "content-type": options.type ?? "image/png",
      ...((options.headers ?? ravi) as Record<string, string>),
    },
    body: bytes,
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers freely; assertions check their shape.
  return { status: res.status, body: (await res.json()) as any };
};
const uploadCount = async () =>
  (await h.t.database.db.select({ n: sql<number>`count(*)::int` }).from(outboundUploads))[0]?.n ?? 0;

describe("attaching a file in the composer", () => {
  it("uploads an image, sends it through the media path with a caption and shows it in the thread", async () => {
    const up = await upload(PNG, { type: "application/octet-stream" });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const { attachment } = AttachmentResponse.parse(up.body);
    expect(attachment).toMatchObject({ mediaType: "image", contentType: "image/png", size: PNG.length });

    const sent = await h.api(
      "POST",
      `/api/threads/${threadId}/reply`,
      { channel: "WHATSAPP", message: "Your room, 204", attachmentId: attachment.id },
      ravi,
    );
    expect([200, 202], JSON.stringify(sent.body)).toContain(sent.status);
    await h.waitFor(() => h.sendsTo(PHONE).length === 1);
    const request = JSON.parse(h.sendsTo(PHONE)[0]?.fields.message ?? "{}");
    expect(request).toMatchObject({ type: "image", caption: "Your room, 204" });
    const url = String(request.originalUrl ?? request.url);
    expect(url).toMatch(/\/media\/outbound\/[0-9a-f]{48}\.png$/);

    // What the provider fetches: no session needed, the sniffed type, never run as a page.
    const fetched = await fetch(url);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get("content-type")).toBe("image/png");
    expect(fetched.headers.get("content-security-policy")).toContain("sandbox");
    expect(Buffer.from(await fetched.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await fetch(url.replace(/[0-9a-f]{6}\.png$/, "000000.png"))).status).toBe(404);

    const message = await h.message(sent.body.message.id);
    expect(message).toMatchObject({ mediaStatus: "STORED", mediaMimeType: "image/png", mediaType: "image" });
    const shown = await fetch(`${h.url}/api/messages/${message.id}/media`, { headers: ravi });
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-type")).toBe("image/png");
  });

  it("reaches Gupshup by the host name staff used: a reply sent through localhost links the file there", async () => {
    const up = await upload(PNG);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const byName = h.url.replace("127.0.0.1", "localhost");
    const res = await fetch(`${byName}/api/threads/${threadId}/reply`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(ravi as Record<string, string>) },
      body: JSON.stringify({ channel: "WHATSAPP", message: "By name", attachmentId: up.body.attachment.id }),
    });
    expect([200, 202], await res.clone().text()).toContain(res.status);
    await h.waitFor(() => h.sendsTo(PHONE).some((s) => s.fields.message?.includes("By name")));
    const request = JSON.parse(
      h.sendsTo(PHONE).find((s) => s.fields.message?.includes("By name"))?.fields.message ?? "{}",
    );
    const url = new URL(String(request.originalUrl ?? request.url));
    expect(url.hostname).toBe("localhost");
    const fetched = await fetch(url);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it("takes a PDF as a document whatever type the browser declared", async () => {
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(2000, 32)]);
    const up = await upload(pdf, { type: "image/png", filename: "menu" });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.attachment).toMatchObject({
      mediaType: "document",
      contentType: "application/pdf",
      filename: "menu.pdf",
    });
  });

  it.each([
    [
      "an HTML page declared as image/png",
      Buffer.from("<!DOCTYPE html><script>alert(1)</script>"),
      "room.png",
      415,
      /web page or markup/,
    ],
    [
      "an SVG with a script",
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
      "x.svg",
      415,
      /markup/,
    ],
    ["a GIF", Buffer.from("GIF89a\x01\x00\x01\x00"), "x.gif", 415, /GIF or WebP/],
    [
      "an executable",
      Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0xff, 0xff]),
      "a.pdf",
      415,
      /not a type WhatsApp/,
    ],
    ["an empty file", Buffer.alloc(0), "room.png", 400, /empty/],
    [
      "an image over WhatsApp's 5 MB",
      Buffer.concat([PNG, Buffer.alloc(6 * MB)]),
      "big.png",
      413,
      /6\.0 MB; WhatsApp takes images up to 5 MB/,
    ],
    [
      "a file over the hub's limit",
      Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(9 * MB)]),
      "big.pdf",
      413,
      /attachments go up to 8 MB/,
    ],
  ] as const)("refuses %s and keeps nothing", async (_label, bytes, filename, status, reason) => {
    const before = await uploadCount();
    const res = await upload(bytes, { filename });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.message).toMatch(reason);
    expect(await uploadCount()).toBe(before);
  });

  it("refuses an attachment on SMS in words", async () => {
    const res = await upload(PNG, { channel: "SMS" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/SMS cannot carry attachments/);
  });

  it("answers a member of another property 404: no upload to their thread, no reply with its file", async () => {
    const before = await uploadCount();
    expect((await upload(PNG, { headers: outsider })).status).toBe(404);
    expect(await uploadCount()).toBe(before);
    const mine = AttachmentResponse.parse((await upload(PNG)).body).attachment;
    const res = await h.api(
      "POST",
      `/api/threads/${threadId}/reply`,
      { channel: "WHATSAPP", attachmentId: mine.id },
      outsider,
    );
    expect(res.status).toBe(404);
    expect((await upload(PNG, { thread: 999_999 })).status).toBe(404);
  });

  it("needs a signed-in caller to upload", async () => {
    expect((await upload(PNG, { headers: {} })).status).toBe(401);
  });
});
