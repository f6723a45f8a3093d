import type { Ctx } from "@server/context";
import { realtimeEvents, slaOutcomes, threadEvents, threads } from "@server/db/schema/index";
import { linkThread } from "@server/domain/threads/link-thread";
import { recordThreadActivity } from "@server/domain/threads/record-thread-activity";
import { createProperty, createStaff, uniquePhone } from "@test/factories";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markSlaBreaches } from "./mark-sla-breaches";
import { saveSlaPolicies } from "./save-sla-policies";

let t: TestHarness;
let propertyId: number;
let managers: number[];
const at = (iso: string): Ctx => ({ ...t.ctx(), now: () => new Date(iso) });

beforeAll(async () => {
  t = await createTestHarness();
  propertyId = (await createProperty(t.database.db, { timezone: "UTC" })).id;
  const other = (await createProperty(t.database.db)).id;
  managers = [
    (await createStaff(t.database.db, [propertyId], { role: "MANAGER" })).id,
    (await createStaff(t.database.db, [propertyId], { role: "MANAGER" })).id,
  ];
  await createStaff(t.database.db, [propertyId], { role: "MANAGER", isActive: false });
  await createStaff(t.database.db, [propertyId], { role: "AGENT" });
  await createStaff(t.database.db, [other], { role: "MANAGER" });
  await saveSlaPolicies(t.ctx(), {
    propertyId,
    policies: [
      {
        channel: null,
        priority: null,
        firstResponseSeconds: 60,
        nextResponseSeconds: null,
        resolutionSeconds: 3600,
        pauseWhileSnoozed: true,
      },
    ],
  });
});
afterAll(() => t.close());

async function guestWrites(iso: string, assigneeId: number | null = null) {
  const ctx = at(iso);
  const { thread } = await linkThread(ctx, {
    channel: "WHATSAPP",
    direction: "INBOUND",
    at: new Date(iso),
    phone: uniquePhone(),
    propertyId,
  });
  if (assigneeId) await t.database.db.update(threads).set({ assigneeId }).where(eq(threads.id, thread.id));
  await recordThreadActivity(ctx, {
    threadId: thread.id,
    direction: "INBOUND",
    channel: "WHATSAPP",
    at: new Date(iso),
  });
  return thread.id;
}

const breachEvents = (threadId: number) =>
  t.database.db
    .select({ data: threadEvents.data })
    .from(threadEvents)
    .where(and(eq(threadEvents.threadId, threadId), eq(threadEvents.type, "sla_breached")));
const notifications = async (threadId: number) =>
  (
    await t.database.db
      .select({ payload: realtimeEvents.payload })
      .from(realtimeEvents)
      .where(and(eq(realtimeEvents.threadId, threadId), eq(realtimeEvents.type, "thread.sla_breached")))
  ).map((r) => r.payload);

describe(markSlaBreaches.name, () => {
  it("marks an overdue target once: timeline event, outcome, red row event, managers notified when unassigned", async () => {
    const threadId = await guestWrites("2026-04-01T10:00:00Z");
    expect(await markSlaBreaches(at("2026-04-01T10:00:59Z"))).toBe(0);
    await markSlaBreaches(at("2026-04-01T10:01:30Z"));
    await markSlaBreaches(at("2026-04-01T10:02:00Z"));

    const [row] = await t.database.db.select().from(threads).where(eq(threads.id, threadId));
    expect(row).toMatchObject({
      slaFirstResponseBreachedAt: new Date("2026-04-01T10:01:00Z"),
      slaResolutionBreachedAt: null,
      slaDueAt: new Date("2026-04-01T10:01:00Z"),
    });
    expect(await breachEvents(threadId)).toEqual([
      { data: { kind: "FIRST_RESPONSE", dueAt: "2026-04-01T10:01:00.000Z" } },
    ]);
    expect(await notifications(threadId)).toEqual([
      {
        threadId,
        kind: "FIRST_RESPONSE",
        dueAt: "2026-04-01T10:01:00.000Z",
        notifyStaffIds: [...managers].sort((a, b) => a - b),
      },
    ]);
    const updates = await t.database.db
      .select({ id: realtimeEvents.id })
      .from(realtimeEvents)
      .where(and(eq(realtimeEvents.threadId, threadId), eq(realtimeEvents.type, "thread.updated")));
    expect(updates.length).toBeGreaterThanOrEqual(2); // the guest's message, then the breach

    // A late reply stops the clock without a second outcome for the same target.
    await recordThreadActivity(
      {
        ...at("2026-04-01T10:05:00Z"),
        actor: { type: "apiKey", apiKeyId: 1, role: "ADMIN", propertyIds: "all" },
      },
      {
        threadId,
        direction: "OUTBOUND",
        channel: "WHATSAPP",
        at: new Date("2026-04-01T10:05:00Z"),
      },
    );
    const ended = await t.database.db
      .select({ kind: slaOutcomes.kind, outcome: slaOutcomes.outcome })
      .from(slaOutcomes)
      .where(eq(slaOutcomes.threadId, threadId));
    expect(ended).toEqual([{ kind: "FIRST_RESPONSE", outcome: "BREACHED" }]);
  });

  it("notifies the assignee of an assigned thread, and marks the resolution target later", async () => {
    const agent = (await createStaff(t.database.db, [propertyId], { role: "AGENT" })).id;
    const threadId = await guestWrites("2026-04-02T10:00:00Z", agent);
    await markSlaBreaches(at("2026-04-02T11:00:00Z"));
    const sent = await notifications(threadId);
    expect(sent.map((p) => (p as { kind: string }).kind)).toEqual(["FIRST_RESPONSE", "RESOLUTION"]);
    expect(sent.map((p) => (p as { notifyStaffIds: number[] }).notifyStaffIds)).toEqual([[agent], [agent]]);
    expect((await breachEvents(threadId)).length).toBe(2);
  });
});
