import { threads } from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { createProperty, uniquePhone } from "@test/factories";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkThread } from "./link-thread";
import { recordThreadActivity } from "./record-thread-activity";

let t: TestHarness;
const t0 = new Date("2026-03-01T10:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
beforeAll(async () => {
  t = await createTestHarness();
  await createProperty(t.database.db, { isDefault: true });
});
afterAll(() => t.close());

async function newThread(phone = uniquePhone()) {
  return (await linkThread(t.ctx(), { channel: "WHATSAPP", direction: "INBOUND", at: t0, phone })).thread;
}
const bump = (
  threadId: number,
  minutes: number,
  direction: "INBOUND" | "OUTBOUND",
  channel: "WHATSAPP" | "SMS" | "CALL" = "WHATSAPP",
  preview = `at ${minutes}`,
) => recordThreadActivity(t.ctx(), { threadId, direction, channel, at: at(minutes), preview });

describe(recordThreadActivity.name, () => {
  it("counts the guest's items as unread and tracks the inbound times and channel", async () => {
    const thread = await newThread();
    await bump(thread.id, 1, "INBOUND", "WHATSAPP");
    const { thread: after } = await bump(thread.id, 2, "INBOUND", "SMS");
    expect(after).toMatchObject({
      unreadCount: 2,
      lastMessageAt: at(2),
      lastPreview: "at 2",
      lastInboundAt: at(2),
      lastInboundChannel: "SMS",
      lastWhatsappInboundAt: at(1),
      lastSmsInboundAt: at(2),
      firstResponseAt: null,
    });
  });

  it("sets firstResponseAt on the first outbound item only, without counting it unread", async () => {
    const thread = await newThread();
    await bump(thread.id, 1, "INBOUND");
    await bump(thread.id, 3, "OUTBOUND");
    const { thread: after } = await bump(thread.id, 5, "OUTBOUND");
    expect(after).toMatchObject({ unreadCount: 1, firstResponseAt: at(3), lastPreview: "at 5" });
  });

  it("never moves activity back for a late, older item", async () => {
    const thread = await newThread();
    await bump(thread.id, 10, "INBOUND");
    const { thread: after } = await bump(thread.id, 4, "INBOUND", "SMS");
    expect(after).toMatchObject({
      lastMessageAt: at(10),
      lastPreview: "at 10",
      lastInboundChannel: "WHATSAPP",
      unreadCount: 2,
    });
  });

  it("wakes a snoozed thread on a guest message, not on a staff one", async () => {
    const thread = await newThread();
    await t.database.db
      .update(threads)
      .set({ status: "SNOOZED", snoozedUntil: at(600) })
      .where(eq(threads.id, thread.id));
    expect((await bump(thread.id, 1, "OUTBOUND")).thread.status).toBe("SNOOZED");
    const { thread: after } = await bump(thread.id, 2, "INBOUND");
    expect(after).toMatchObject({ status: "OPEN", snoozedUntil: null });
  });

  it("reopens a resolved thread on a guest message, not on a staff one", async () => {
    const thread = await newThread();
    await t.database.db
      .update(threads)
      .set({ status: "RESOLVED", resolvedAt: at(1) })
      .where(eq(threads.id, thread.id));
    expect((await bump(thread.id, 2, "OUTBOUND")).thread.status).toBe("RESOLVED");
    const { thread: after, reopened } = await bump(thread.id, 3, "INBOUND");
    expect([after.status, reopened]).toEqual(["OPEN", true]);
  });

  it("does not reopen when the contact already has another open thread in that property", async () => {
    const phone = uniquePhone();
    const old = await newThread(phone);
    await t.database.db
      .update(threads)
      .set({ status: "RESOLVED", lastMessageAt: new Date(0) })
      .where(eq(threads.id, old.id));
    const current = await newThread(phone);
    expect(current.id).not.toBe(old.id);
    const { thread: after, reopened } = await bump(old.id, 3, "INBOUND");
    expect([after.status, reopened]).toEqual(["RESOLVED", false]);
  });

  it("counts every message of a concurrent burst from a new number on one thread (T10)", async () => {
    const phone = uniquePhone();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        addDemoMessage(t.ctx(), {
          phone,
          channel: "WHATSAPP",
          direction: "INBOUND",
          text: `part ${i}`,
          at: at(i),
        }),
      ),
    );
    const threadIds = new Set(results.map((r) => r.thread.id));
    expect(threadIds.size).toBe(1);
    const [thread] = await t.database.db
      .select()
      .from(threads)
      .where(eq(threads.id, results[0]?.thread.id ?? 0));
    expect(thread).toMatchObject({ unreadCount: 10, lastMessageAt: at(9), lastPreview: "part 9" });
  });

  it("bumps the thread of its real contact when the caller's contact is stale (merged meanwhile)", async () => {
    const thread = await newThread();
    const other = await newThread();
    const { thread: after } = await recordThreadActivity(t.ctx(), {
      threadId: thread.id,
      contactId: other.contactId,
      direction: "INBOUND",
      channel: "SMS",
      at: at(3),
      preview: "after the merge",
    });
    expect(after).toMatchObject({ id: thread.id, contactId: thread.contactId, unreadCount: 1 });
    expect(after.lastPreview).toBe("after the merge");
  });

  it("answers NOT_FOUND for a thread that does not exist", async () => {
    await expect(bump(2_000_000_000, 1, "INBOUND")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
