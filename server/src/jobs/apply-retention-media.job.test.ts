import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { PropertyResponse } from "@contract/properties";
import { contacts, messageLogs, outboundUploads, properties, threads } from "@server/db/schema/index";
import { expireResolvedMedia } from "@server/domain/privacy/expire-resolved-media";
import { createTestProperties, sessionHeaders } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyRetentionJob } from "./apply-retention.job";

// Per-property media retention on a fake clock: which attachments the hourly job deletes (bytes from the
// run's media store, the message marked REMOVED) and which it keeps.
const DAY = 86_400_000;
let clock = new Date("2030-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(clock.getTime() - days * DAY);

let t: TestApp;
let dataDir: string;
let ids: Record<string, number>;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "commhub-media-retention-"));
  t = await buildTestApp({ DATA_DIR: dataDir, RETENTION_BATCH_SIZE: "2" }, { now: () => clock });
  ids = await createTestProperties(t, "SHORT", "KEEP");
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

/** A thread of `property` with `files` inbound photos stored in the media store. */
async function threadWithPhotos(
  property: string,
  files: number,
  state: { status: "OPEN" | "RESOLVED"; resolvedDaysAgo?: number },
) {
  const db = t.database.db;
  const [contact] = await db
    .insert(contacts)
    .values({ phone: `9198${Math.floor(Math.random() * 1e8)}` })
    .returning();
  const [thread] = await db
    .insert(threads)
    .values({
      contactId: contact?.id ?? 0,
      propertyId: ids[property] ?? 0,
      status: state.status,
      resolvedAt: state.resolvedDaysAgo === undefined ? null : daysAgo(state.resolvedDaysAgo),
    })
    .returning();
  const messageIds: number[] = [];
  for (let i = 0; i < files; i += 1) {
    const [message] = await db
      .insert(messageLogs)
      .values({
        threadId: thread?.id ?? 0,
        contactId: contact?.id ?? 0,
        channel: "WHATSAPP",
        direction: "INBOUND",
        phone: contact?.phone ?? "",
        mediaType: "image",
        mediaUrl: "https://filemanager.gupshup.io/wa/photo.jpg",
        mediaStatus: "STORED",
        mediaMimeType: "image/jpeg",
        mediaSize: JPEG.length,
      })
      .returning();
    const key = `2030-01/${message?.id}.jpg`;
    await t.deps.mediaStore.put(key, Readable.from([JPEG]));
    await db
      .update(messageLogs)
      .set({ mediaStoragePath: key })
      .where(eq(messageLogs.id, message?.id ?? 0));
    messageIds.push(message?.id ?? 0);
  }
  return { threadId: thread?.id ?? 0, messageIds };
}

async function mediaOf(messageIds: number[]) {
  const rows = await t.database.db
    .select()
    .from(messageLogs)
    .where(eq(messageLogs.threadId, (await threadOf(messageIds[0] ?? 0)) ?? 0))
    .orderBy(asc(messageLogs.id));
  return Promise.all(
    rows.map(async (r) => ({
      status: r.mediaStatus,
      inStore: (await t.deps.mediaStore.head(`2030-01/${r.id}.jpg`)) !== undefined,
    })),
  );
}
async function threadOf(messageId: number) {
  const [row] = await t.database.db.select().from(messageLogs).where(eq(messageLogs.id, messageId));
  return row?.threadId;
}

const runJob = async () => {
  const job = applyRetentionJob(t.deps);
  const signal = new AbortController().signal;
  await job.handle(t.ctx(), {}, { id: 1, queue: job.name, attempt: 1, maxAttempts: 3, signal });
};
const removedMetric = async () =>
  (await t.deps.metrics.registry.getSingleMetricAsString("commhub_retention_rows_removed_total"))
    .split("\n")
    .find((line) => line.includes('kind="media"'));

describe("per-property media retention", () => {
  it("is set per property through PATCH /api/properties/:id, validated, admins only", async () => {
    const admin = await apiKeyHeaders(t, "ADMIN");
    const manager = await apiKeyHeaders(t, "MANAGER", ["SHORT"]);
    const patch = (payload: object, headers = admin) =>
      t.app.inject({ method: "PATCH", url: `/api/properties/${ids.SHORT}`, headers, payload });
    for (const bad of [0, -5, 3651, 1.5, "30"]) {
      const res = await patch({ mediaRetentionDays: bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe("VALIDATION_FAILED");
    }
    expect((await patch({ mediaRetentionDays: 30 }, manager)).statusCode).toBe(403);
    const set = await patch({ mediaRetentionDays: 30 });
    expect(set.statusCode, set.body).toBe(200);
    expect(PropertyResponse.parse(set.json()).property.mediaRetentionDays).toBe(30);
    const list = await t.app.inject({ method: "GET", url: "/api/properties", headers: admin });
    expect(list.json().properties.map((p: { code: string; mediaRetentionDays: number | null }) => p)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "SHORT", mediaRetentionDays: 30 }),
        expect.objectContaining({ code: "KEEP", mediaRetentionDays: null }),
      ]),
    );
    // null = keep forever again (and back to 30 for the tests below).
    expect((await patch({ mediaRetentionDays: null })).json().property.mediaRetentionDays).toBeNull();
    expect((await patch({ mediaRetentionDays: 30 })).json().property.mediaRetentionDays).toBe(30);
  });

  it("removes media of threads resolved longer ago than the property's days, keeps the rest, in batches", async () => {
    const expired = await threadWithPhotos("SHORT", 3, { status: "RESOLVED", resolvedDaysAgo: 31 });
    const recent = await threadWithPhotos("SHORT", 1, { status: "RESOLVED", resolvedDaysAgo: 29 });
    const open = await threadWithPhotos("SHORT", 1, { status: "OPEN" });
    // Resolved long ago, then the guest wrote again: open, so its files stay.
    const reopened = await threadWithPhotos("SHORT", 1, { status: "OPEN", resolvedDaysAgo: 90 });
    const kept = await threadWithPhotos("KEEP", 1, { status: "RESOLVED", resolvedDaysAgo: 3000 });
    const before = Number((await removedMetric())?.split(" ").at(-1) ?? 0);

    // Batches of 2 (RETENTION_BATCH_SIZE), one batch per call: the third file waits for the next run.
    const once = { batchSize: 2, maxBatches: 1 };
    expect(await expireResolvedMedia(t.ctx(), t.deps.mediaStore, once)).toBe(2);
    expect((await mediaOf(expired.messageIds)).filter((m) => m.status === "REMOVED")).toHaveLength(2);
    await runJob();
    expect(await removedMetric()).toBe(`commhub_retention_rows_removed_total{kind="media"} ${before + 1}`);

    const removed = { status: "REMOVED", inStore: false };
    const stored = { status: "STORED", inStore: true };
    expect(await mediaOf(expired.messageIds)).toEqual([removed, removed, removed]);
    for (const thread of [recent, open, reopened, kept])
      expect(await mediaOf(thread.messageIds)).toEqual([stored]);
    const [row] = await t.database.db
      .select()
      .from(messageLogs)
      .where(eq(messageLogs.id, expired.messageIds[0] ?? 0));
    expect(row).toMatchObject({
      mediaStoragePath: null,
      mediaSize: null,
      mediaUrl: null,
      mediaType: "image",
    });

    // The API says why, instead of a broken link: the timeline's status and the media route's answer.
    const staff = await sessionHeaders(t, "AGENT", ["SHORT"]);
    const timeline = await t.app.inject({
      method: "GET",
      url: `/api/threads/${expired.threadId}/timeline`,
      headers: staff,
    });
    expect(timeline.statusCode, timeline.body).toBe(200);
    expect(JSON.stringify(timeline.json())).toContain('"status":"REMOVED"');
    const media = await t.app.inject({
      method: "GET",
      url: `/api/messages/${expired.messageIds[0]}/media`,
      headers: staff,
    });
    expect(media.statusCode).toBe(404);
    expect(media.json().error.message).toContain("removed by the retention policy");
    // Still scoped: staff of another property get the plain 404.
    const other = await sessionHeaders(t, "AGENT", ["KEEP"]);
    const foreign = await t.app.inject({
      method: "GET",
      url: `/api/messages/${expired.messageIds[0]}/media`,
      headers: other,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.message).not.toContain("retention");
  });

  it("counts from the latest resolution: a reopened thread resolved again keeps its files for the full period", async () => {
    const thread = await threadWithPhotos("SHORT", 1, { status: "OPEN", resolvedDaysAgo: 200 });
    const resolve = () =>
      t.database.db
        .update(threads)
        .set({ status: "RESOLVED", resolvedAt: clock })
        .where(eq(threads.id, thread.threadId));
    await resolve();
    clock = new Date(clock.getTime() + 29 * DAY);
    await runJob();
    expect(await mediaOf(thread.messageIds)).toEqual([{ status: "STORED", inStore: true }]);
    clock = new Date(clock.getTime() + 2 * DAY);
    await runJob();
    expect(await mediaOf(thread.messageIds)).toEqual([{ status: "REMOVED", inStore: false }]);
    // Setting the property to keep stops later removals.
    await t.database.db
      .update(properties)
      .set({ mediaRetentionDays: null })
      .where(eq(properties.id, ids.SHORT ?? 0));
    const late = await threadWithPhotos("SHORT", 1, { status: "RESOLVED", resolvedDaysAgo: 400 });
    await runJob();
    expect(await mediaOf(late.messageIds)).toEqual([{ status: "STORED", inStore: true }]);
  });

  it("removes composer uploads never sent after a week; keeps recent ones and sent ones", async () => {
    const { threadId, messageIds } = await threadWithPhotos("KEEP", 1, { status: "OPEN" });
    const [sentMessage] = await t.database.db
      .select({ key: messageLogs.mediaStoragePath })
      .from(messageLogs)
      .where(eq(messageLogs.id, messageIds[0] ?? 0));
    const upload = async (key: string, ageDays: number) => {
      if (key !== sentMessage?.key) await t.deps.mediaStore.put(key, Readable.from([JPEG]));
      await t.database.db.insert(outboundUploads).values({
        token: `token-${key.replace(/\W/g, "")}`,
        threadId,
        storageKey: key,
        contentType: "image/jpeg",
        mediaType: "image",
        extension: "jpg",
        filename: "room.jpg",
        size: JPEG.length,
        createdAt: daysAgo(ageDays),
      });
    };
    await upload("outbound/2030-05/abandoned", 8);
    await upload("outbound/2030-05/recent", 6);
    await upload(sentMessage?.key ?? "", 30);
    await runJob();
    const left = await t.database.db
      .select({ key: outboundUploads.storageKey })
      .from(outboundUploads)
      .where(eq(outboundUploads.threadId, threadId));
    expect(left.map((r) => r.key).sort()).toEqual([sentMessage?.key, "outbound/2030-05/recent"].sort());
    expect(await t.deps.mediaStore.get("outbound/2030-05/abandoned")).toBeUndefined();
    expect(await t.deps.mediaStore.get("outbound/2030-05/recent")).toBeDefined();
    expect(await mediaOf(messageIds)).toEqual([{ status: "STORED", inStore: true }]);
  });
});
