import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { messageLogs, properties } from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { createTestProperties, sessionHeaders } from "@test/staff-session";
import { buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let dataDir: string;
let messageId = 0;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "commhub-media-"));
  t = await buildTestApp({ DATA_DIR: dataDir });
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

const get = async (headers: Record<string, string>) =>
  t.app.inject({ method: "GET", url: `/api/messages/${messageId}/media`, headers });

describe("GET /api/messages/:id/media", () => {
  it("is 404 until the attachment is stored, then serves it with its type, to its property's staff only", async () => {
    const alpha = await sessionHeaders(t, "AGENT", ["ALPHA"]);
    await t.database.db
      .update(messageLogs)
      .set({ mediaType: "image", mediaStatus: "PENDING", mediaMimeType: "image/jpeg" })
      .where(eq(messageLogs.id, messageId));
    expect((await get(alpha)).statusCode).toBe(404);

    const file = path.join(t.deps.config.media.dir, "2026-03", `${messageId}.jpg`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, "jpeg-bytes");
    await t.database.db
      .update(messageLogs)
      .set({ mediaStatus: "STORED", mediaStoragePath: `2026-03/${messageId}.jpg` })
      .where(eq(messageLogs.id, messageId));
    const stored = await get(alpha);
    expect(stored.statusCode).toBe(200);
    expect(stored.headers["content-type"]).toBe("image/jpeg");
    expect(stored.body).toBe("jpeg-bytes");

    expect((await get(await sessionHeaders(t, "AGENT", ["BRAVO"]))).statusCode).toBe(404);
  });

  it("never serves a path outside the media folder", async () => {
    await t.database.db
      .update(messageLogs)
      .set({ mediaStatus: "STORED", mediaStoragePath: "../../etc/passwd" })
      .where(eq(messageLogs.id, messageId));
    expect((await get(await sessionHeaders(t, "ADMIN"))).statusCode).toBe(404);
  });
});
