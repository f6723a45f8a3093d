import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { messageLogs, properties } from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { createTestProperties, sessionHeaders } from "@test/staff-session";
import { buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The same answers whichever store holds the bytes: a folder, or the database of the run.
describe.each(["disk", "postgres"])("GET /api/messages/:id/media (MEDIA_STORE=%s)", (mediaStore) => {
  let t: TestApp;
  let dataDir: string;
  let messageId = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "commhub-media-"));
    t = await buildTestApp({ DATA_DIR: dataDir, MEDIA_STORE: mediaStore });
    const ids = await createTestProperties(t, "ALPHA", "BRAVO");
    await t.database.db
      .update(properties)
      .set({ whatsappNumber: "917000000001" })
      .where(eq(properties.id, ids.ALPHA ?? 0));
    const { message } = await addDemoMessage(t.ctx(), {
      phone: "919800000001",
      channel: "WHATSAPP",
      direction: "INBOUND",
      text: "photo of the view",
      at: new Date(),
      receivingNumber: "917000000001",
    });
    messageId = message.id;
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

  /** Stores `bytes` as the message's attachment, with what the sender declared about it. */
  async function storeAttachment(bytes: Buffer | string, declared: { mimeType: string; filename?: string }) {
    const relative = `2026-04/${messageId}-${Math.random().toString(36).slice(2)}.bin`;
    await t.deps.mediaStore.put(relative, Readable.from([Buffer.from(bytes)]));
    await t.database.db
      .update(messageLogs)
      .set({
        mediaType: "document",
        mediaStatus: "STORED",
        mediaStoragePath: relative,
        mediaMimeType: declared.mimeType,
        mediaFilename: declared.filename ?? null,
      })
      .where(eq(messageLogs.id, messageId));
  }

  const get = async (headers: Record<string, string>) =>
    t.app.inject({ method: "GET", url: `/api/messages/${messageId}/media`, headers });

  describe("access and types", () => {
    it("is 404 until the attachment is stored, then serves it with its type, to its property's staff only", async () => {
      const alpha = await sessionHeaders(t, "AGENT", ["ALPHA"]);
      await t.database.db
        .update(messageLogs)
        .set({ mediaType: "image", mediaStatus: "PENDING", mediaMimeType: "image/jpeg" })
        .where(eq(messageLogs.id, messageId));
      expect((await get(alpha)).statusCode).toBe(404);

      await t.deps.mediaStore.put(`2026-03/${messageId}.jpg`, Readable.from([JPEG]));
      await t.database.db
        .update(messageLogs)
        .set({ mediaStatus: "STORED", mediaStoragePath: `2026-03/${messageId}.jpg` })
        .where(eq(messageLogs.id, messageId));
      const stored = await get(alpha);
      expect(stored.statusCode).toBe(200);
      expect(stored.headers["content-type"]).toBe("image/jpeg");
      expect(stored.rawPayload).toEqual(JPEG);

      expect((await get(await sessionHeaders(t, "AGENT", ["BRAVO"]))).statusCode).toBe(404);
    });

    it("never serves a path outside the media folder", async () => {
      await t.database.db
        .update(messageLogs)
        .set({ mediaStatus: "STORED", mediaStoragePath: "../../etc/passwd" })
        .where(eq(messageLogs.id, messageId));
      expect((await get(await sessionHeaders(t, "ADMIN"))).statusCode).toBe(404);
    });

    it.each([
      [
        "an HTML page named invoice.pdf, declared text/html",
        "<!doctype html><script>fetch('/api/auth/me')</script>",
        "text/html",
        "invoice.pdf",
        "invoice.pdf",
      ],
      [
        "an HTML page declared application/pdf",
        "<html><body onload=alert(1)>",
        "application/pdf",
        "invoice.pdf",
        "invoice.pdf",
      ],
      [
        "an SVG with a script",
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "image/svg+xml",
        "map.svg",
        "map.svg.bin",
      ],
      [
        "a script declared image/jpeg",
        "fetch('/api/api-keys',{method:'POST'})",
        "image/jpeg",
        'x".html\r\nSet-Cookie: a=b',
        "x_.html__Set-Cookie_ a_b",
      ],
      ["HTML with no name", "<html>", "text/html", undefined, `attachment-ID`],
    ])(
      "serves %s as a download of application/octet-stream, never inline",
      async (_label, bytes, mimeType, filename, served) => {
        await storeAttachment(bytes, { mimeType, ...(filename ? { filename } : {}) });
        const res = await get(await sessionHeaders(t, "ADMIN"));
        expect(res.statusCode).toBe(200);
        expect(res.headers["content-type"]).toBe("application/octet-stream");
        expect(res.headers["content-disposition"]).toBe(
          `attachment; filename="${served.replace("ID", String(messageId))}"`,
        );
        expect(res.headers["content-security-policy"]).toBe("sandbox; default-src 'none'");
        expect(res.headers["x-content-type-options"]).toBe("nosniff");
      },
    );

    it.each([
      ["a JPEG declared text/html", JPEG, "text/html", "image/jpeg"],
      ["a PNG", Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), "image/png", "image/png"],
      ["a GIF", Buffer.from("GIF89a\x01\x00", "latin1"), "image/gif", "image/gif"],
      ["a WebP", Buffer.from("RIFF\x24\x00\x00\x00WEBPVP8 ", "latin1"), "image/webp", "image/webp"],
      ["a PDF", Buffer.from("%PDF-1.7\n%\xe2\xe3", "latin1"), "application/pdf", "application/pdf"],
      [
        "a voice note (Ogg Opus)",
        Buffer.from("OggS\x00\x02\x00\x00", "latin1"),
        "audio/ogg; codecs=opus",
        "audio/ogg",
      ],
      ["an MP3", Buffer.from("ID3\x04\x00\x00", "latin1"), "audio/mpeg", "audio/mpeg"],
      ["an AAC (ADTS)", Buffer.from([0xff, 0xf1, 0x50, 0x80]), "audio/aac", "audio/aac"],
      ["an AMR", Buffer.from("#!AMR\n", "latin1"), "audio/amr", "audio/amr"],
      ["an M4A", Buffer.from("\x00\x00\x00\x20ftypM4A \x00\x00", "latin1"), "audio/mp4", "audio/mp4"],
      ["an MP4", Buffer.from("\x00\x00\x00\x18ftypmp42\x00\x00", "latin1"), "video/mp4", "video/mp4"],
      ["a 3GP", Buffer.from("\x00\x00\x00\x18ftyp3gp4\x00\x00", "latin1"), "video/3gpp", "video/3gpp"],
    ])("serves %s inline with the type its bytes show", async (_label, bytes, mimeType, served) => {
      await storeAttachment(bytes, { mimeType, filename: "guest file.dat" });
      const res = await get(await sessionHeaders(t, "AGENT", ["ALPHA"]));
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe(served);
      expect(res.headers["content-disposition"]).toBe('inline; filename="guest file.dat"');
      expect(res.headers["content-security-policy"]).toBe("sandbox; default-src 'none'");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    });

    it("keeps the sandbox on its answers when there is no file to serve", async () => {
      await t.database.db
        .update(messageLogs)
        .set({ mediaStatus: "STORED", mediaStoragePath: "2026-04/missing.bin" })
        .where(eq(messageLogs.id, messageId));
      const res = await get(await sessionHeaders(t, "ADMIN"));
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("NOT_FOUND");
      expect(res.headers["content-security-policy"]).toBe("sandbox; default-src 'none'");
    });
  });

  describe("byte ranges, as an audio player asks for them", () => {
    const voiceNote = Buffer.concat([Buffer.from("OggS\x00\x02\x00\x00", "latin1"), randomBytes(300_000)]);
    const getRange = async (range: string, role: "ADMIN" | "AGENT" = "AGENT") =>
      t.app.inject({
        method: "GET",
        url: `/api/messages/${messageId}/media`,
        headers: { ...(await sessionHeaders(t, role, ["ALPHA"])), range },
      });

    it("serves the whole file with Accept-Ranges and its length, then any one range as 206", async () => {
      await storeAttachment(voiceNote, { mimeType: "audio/ogg", filename: "voice.ogg" });
      const whole = await get(await sessionHeaders(t, "AGENT", ["ALPHA"]));
      expect(whole.statusCode).toBe(200);
      expect(whole.headers["accept-ranges"]).toBe("bytes");
      expect(whole.headers["content-length"]).toBe(String(voiceNote.length));
      expect(whole.rawPayload.equals(voiceNote)).toBe(true);

      for (const [header, start, end] of [
        ["bytes=0-1", 0, 1],
        ["bytes=262140-262150", 262_140, 262_150],
        ["bytes=299000-", 299_000, voiceNote.length - 1],
        ["bytes=-1000", voiceNote.length - 1_000, voiceNote.length - 1],
        ["bytes=100-99999999", 100, voiceNote.length - 1],
      ] as const) {
        const res = await getRange(header);
        expect(res.statusCode, header).toBe(206);
        expect(res.headers["content-range"]).toBe(`bytes ${start}-${end}/${voiceNote.length}`);
        expect(res.headers["content-length"]).toBe(String(end - start + 1));
        expect(res.headers["content-type"]).toBe("audio/ogg");
        expect(res.headers["content-security-policy"]).toBe("sandbox; default-src 'none'");
        expect(res.headers["x-content-type-options"]).toBe("nosniff");
        expect(res.rawPayload.equals(voiceNote.subarray(start, end + 1)), header).toBe(true);
      }
    });

    it("answers 416 with the size past the end, and the whole file for ranges it does not serve", async () => {
      await storeAttachment(voiceNote, { mimeType: "audio/ogg" });
      const past = await getRange(`bytes=${voiceNote.length}-`);
      expect(past.statusCode).toBe(416);
      expect(past.headers["content-range"]).toBe(`bytes */${voiceNote.length}`);
      expect(past.json().error.code).toBe("VALIDATION_FAILED");
      expect(past.headers["content-security-policy"]).toBe("sandbox; default-src 'none'");
      for (const header of ["bytes=0-1,10-20", "lines=1-2", "bytes=9-3"]) {
        const res = await getRange(header);
        expect(res.statusCode, header).toBe(200);
        expect(res.rawPayload.length).toBe(voiceNote.length);
      }
    });

    it("checks the property before any byte: another property's agent gets 404 for a range too", async () => {
      await storeAttachment(voiceNote, { mimeType: "audio/ogg" });
      const res = await t.app.inject({
        method: "GET",
        url: `/api/messages/${messageId}/media`,
        headers: { ...(await sessionHeaders(t, "AGENT", ["BRAVO"])), range: "bytes=0-99" },
      });
      expect(res.statusCode).toBe(404);
      expect(res.rawPayload.includes(voiceNote.subarray(8, 40))).toBe(false);
    });
  });
});
