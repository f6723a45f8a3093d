import { auditLogs, realtimeEvents } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { recordAudit } from "@server/domain/audit/record-audit";
import type { BusEvent } from "@server/realtime/event-bus";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishEvent } from "./publish-event";
import { deferRealtimeEvents, flushRealtimeEvents } from "./publish-events";

let t: TestHarness;
beforeAll(async () => {
  t = await createTestHarness();
});
afterAll(() => t.close());

describe(publishEvent.name, () => {
  it("reaches the bus only after the transaction commits, with its stored id", async () => {
    const seen: BusEvent[] = [];
    const unsubscribe = t.deps.bus.subscribe((e) => seen.push(e));
    await withTransaction(t.ctx(), async (tx) => {
      await publishEvent(tx, {
        type: "thread.note_added",
        propertyId: 3,
        threadId: 9,
        payload: { threadId: 9, noteId: 1 },
      });
      expect(seen).toHaveLength(0);
    });
    unsubscribe();
    const [stored] = await t.database.db.select().from(realtimeEvents);
    expect(seen).toEqual([
      expect.objectContaining({
        id: stored?.id,
        type: "thread.note_added",
        propertyId: 3,
        threadId: 9,
        payload: { threadId: 9, noteId: 1 },
      }),
    ]);
  });

  it("never publishes an event whose transaction rolled back", async () => {
    const seen: BusEvent[] = [];
    const unsubscribe = t.deps.bus.subscribe((e) => seen.push(e));
    await expect(
      withTransaction(t.ctx(), async (tx) => {
        await publishEvent(tx, {
          type: "thread.note_added",
          propertyId: 1,
          payload: { threadId: 1, noteId: 1 },
        });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    unsubscribe();
    expect(seen).toHaveLength(0);
  });
});

describe("deferred publishing (batched webhook processing)", () => {
  it("stores and publishes a one-person event for that person only", async () => {
    const seen: BusEvent[] = [];
    const unsubscribe = t.deps.bus.subscribe((e) => seen.push(e));
    await withTransaction(t.ctx(), async (tx) => {
      deferRealtimeEvents(tx);
      await publishEvent(tx, {
        type: "draft.changed",
        propertyId: 3,
        threadId: 11,
        recipientStaffId: 77,
        payload: { threadId: 11, channel: "WHATSAPP" },
      });
      await flushRealtimeEvents(tx);
    });
    unsubscribe();
    const stored = await t.database.db.select().from(realtimeEvents);
    const row = stored.find((e) => e.type === "draft.changed");
    expect(row?.recipientStaffId).toBe(77);
    expect(seen).toEqual([expect.objectContaining({ id: row?.id, recipientStaffId: 77 })]);
  });
});

describe(recordAudit.name, () => {
  it("records who did what to which target", async () => {
    const ctx = {
      ...t.ctx({ type: "staff", staffUserId: 42, role: "MANAGER", propertyIds: [1] }),
      ip: "10.1.2.3",
    };
    await recordAudit(ctx, {
      action: "thread.assigned",
      targetType: "thread",
      targetId: 7,
      propertyId: 1,
      details: { to: 5 },
    });
    const [row] = await t.database.db.select().from(auditLogs);
    expect(row).toMatchObject({
      actorType: "STAFF",
      actorId: 42,
      actorIp: "10.1.2.3",
      action: "thread.assigned",
      targetType: "thread",
      targetId: "7",
      propertyId: 1,
      outcome: "SUCCESS",
      details: { to: 5 },
    });
  });
});
