import type { Ctx } from "@server/context";
import {
  auditLogs,
  properties,
  realtimeEvents,
  staffUsers,
  threadEvents,
  threads,
} from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { linkThread } from "@server/domain/threads/link-thread";
import { recordThreadActivity } from "@server/domain/threads/record-thread-activity";
import { createBooking, createProperty, createStaff, day, uniquePhone } from "@test/factories";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autoAssignThread, deferAutoAssignments, flushAutoAssignments } from "./auto-assign-thread";

let t: TestHarness;
const now = new Date();
beforeAll(async () => {
  t = await createTestHarness();
});
afterAll(() => t.close());

async function newProperty(policy: "ALL" | "BOOKING_LINKED" = "ALL") {
  const number = `9170${uniquePhone().slice(-8)}`;
  const property = await createProperty(t.database.db, { whatsappNumber: number, assignmentPolicy: policy });
  return {
    property,
    write: (phone = uniquePhone()) =>
      linkThread(t.ctx(), {
        channel: "WHATSAPP",
        direction: "INBOUND",
        at: now,
        phone,
        receivingNumber: number,
      }),
  };
}

function countBy(ids: Array<number | null>): Map<number | null, number> {
  const counts = new Map<number | null, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

describe(autoAssignThread.name, () => {
  it("deals 100 concurrently created threads evenly across 3 agents", async () => {
    const { property, write } = await newProperty();
    const agents = await Promise.all([1, 2, 3].map(() => createStaff(t.database.db, [property.id])));
    await Promise.all(Array.from({ length: 100 }, () => write()));
    const rows = await t.database.db.select().from(threads).where(eq(threads.propertyId, property.id));
    expect(rows).toHaveLength(100);
    const counts = countBy(rows.map((r) => r.assigneeId));
    expect([...counts.keys()].sort()).toEqual(agents.map((a) => a.id).sort());
    const values = [...counts.values()];
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
  });

  it("rotates in order and skips unavailable, deactivated, admin and non-member staff", async () => {
    const { property, write } = await newProperty();
    const other = await createProperty(t.database.db);
    const a = await createStaff(t.database.db, [property.id]);
    await createStaff(t.database.db, [property.id], { isAvailable: false });
    const c = await createStaff(t.database.db, [property.id], { role: "MANAGER" });
    await createStaff(t.database.db, [property.id], { isActive: false });
    await createStaff(t.database.db, [property.id], { role: "ADMIN" });
    await createStaff(t.database.db, [other.id]);
    const picks = [];
    for (let i = 0; i < 4; i++) picks.push((await write()).thread.assigneeId);
    expect(picks).toEqual([a.id, c.id, a.id, c.id]);
  });

  it("respects an agent's cap on open threads", async () => {
    const { property, write } = await newProperty();
    const capped = await createStaff(t.database.db, [property.id], { maxOpenThreads: 1 });
    const free = await createStaff(t.database.db, [property.id]);
    const picks = [];
    for (let i = 0; i < 4; i++) picks.push((await write()).thread.assigneeId);
    expect(picks).toEqual([capped.id, free.id, free.id, free.id]);
  });

  it("leaves the thread in the property's queue when nobody is available", async () => {
    const { property, write } = await newProperty();
    await createStaff(t.database.db, [property.id], { isAvailable: false });
    expect((await write()).thread.assigneeId).toBeNull();
  });

  it("under BOOKING_LINKED assigns only threads with a booking", async () => {
    const { property, write } = await newProperty("BOOKING_LINKED");
    const agent = await createStaff(t.database.db, [property.id]);
    expect((await write()).thread.assigneeId).toBeNull();
    const booking = await createBooking(t.database.db, {
      propertyId: property.id,
      checkIn: day(now, 1),
      checkOut: day(now, 2),
    });
    const linked = await linkThread(t.ctx(), {
      channel: "WHATSAPP",
      direction: "OUTBOUND",
      at: now,
      phone: uniquePhone(),
      bookingId: booking.id,
    });
    expect(linked.thread.assigneeId).toBe(agent.id);
  });

  it("records the assignment on the timeline, in the audit log and as a realtime event", async () => {
    const { property, write } = await newProperty();
    const agent = await createStaff(t.database.db, [property.id]);
    const { thread } = await write();
    const events = await t.database.db
      .select()
      .from(threadEvents)
      .where(eq(threadEvents.threadId, thread.id));
    expect(events.map((e) => [e.type, e.data])).toContainEqual([
      "assigned",
      { from: null, to: agent.id, how: "round_robin" },
    ]);
    const audit = await t.database.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "thread.assigned"), eq(auditLogs.targetId, String(thread.id))));
    expect(audit).toHaveLength(1);
    const realtime = await t.database.db
      .select()
      .from(realtimeEvents)
      .where(and(eq(realtimeEvents.type, "thread.assigned"), eq(realtimeEvents.threadId, thread.id)));
    expect(realtime[0]?.payload).toMatchObject({ assigneeId: agent.id });
    const [cursor] = await t.database.db.select().from(properties).where(eq(properties.id, property.id));
    expect(cursor?.roundRobinLastStaffId).toBe(agent.id);
  });
});

describe("reopened threads", () => {
  async function resolvedThreadOf() {
    const { property, write } = await newProperty();
    const first = await createStaff(t.database.db, [property.id]);
    const second = await createStaff(t.database.db, [property.id]);
    const phone = uniquePhone();
    const { thread } = await write(phone);
    expect(thread.assigneeId).toBe(first.id);
    await t.database.db
      .update(threads)
      .set({ status: "RESOLVED", resolvedAt: now })
      .where(eq(threads.id, thread.id));
    return { thread, first, second, phone };
  }

  it("return to their assignee when that person is available", async () => {
    const { thread, first } = await resolvedThreadOf();
    const { thread: after, reopened } = await recordThreadActivity(t.ctx(), {
      threadId: thread.id,
      direction: "INBOUND",
      channel: "WHATSAPP",
      at: now,
      preview: "back",
    });
    expect([reopened, after.status, after.assigneeId, after.resolvedAt]).toEqual([
      true,
      "OPEN",
      first.id,
      null,
    ]);
  });

  it("go to the next available person when their assignee is off shift", async () => {
    const { thread, first, second } = await resolvedThreadOf();
    await t.database.db.update(staffUsers).set({ isAvailable: false }).where(eq(staffUsers.id, first.id));
    const { thread: after } = await recordThreadActivity(t.ctx(), {
      threadId: thread.id,
      direction: "INBOUND",
      channel: "SMS",
      at: now,
    });
    expect(after.assigneeId).toBe(second.id);
    const types = (
      await t.database.db.select().from(threadEvents).where(eq(threadEvents.threadId, thread.id))
    ).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["reopened", "unassigned", "assigned"]));
  });
});

/** A new guest writes to the property's number, inside the caller's transaction. */
function guestWrites(tx: Ctx, property: { whatsappNumber: string | null }, bookingId?: number) {
  return linkThread(tx, {
    channel: "WHATSAPP",
    direction: "INBOUND",
    at: now,
    phone: uniquePhone(),
    receivingNumber: property.whatsappNumber ?? undefined,
    bookingId,
  });
}

describe(deferAutoAssignments.name, () => {
  it("leaves new threads unassigned until the flush, then deals them in the order they were created", async () => {
    const { property, write } = await newProperty();
    const [a, b] = [
      await createStaff(t.database.db, [property.id]),
      await createStaff(t.database.db, [property.id]),
    ];
    const threadIds = await withTransaction(t.ctx(), async (tx) => {
      deferAutoAssignments(tx);
      const linked = [];
      for (let i = 0; i < 3; i++) linked.push(await guestWrites(tx, property));
      expect(linked.map((l) => l.thread.assigneeId)).toEqual([null, null, null]);
      const [locked] = await tx.db.select().from(properties).where(eq(properties.id, property.id));
      expect(locked?.roundRobinLastStaffId ?? null).toBeNull();
      await flushAutoAssignments(tx);
      return linked.map((l) => l.thread.id);
    });
    const rows = await t.database.db.select().from(threads).where(eq(threads.propertyId, property.id));
    const assigneeOf = new Map(rows.map((r) => [r.id, r.assigneeId]));
    expect(threadIds.map((id) => assigneeOf.get(id))).toEqual([a.id, b.id, a.id]);
    expect(await write().then((l) => l.thread.assigneeId)).toBe(b.id);
  });

  it("keeps to each person's cap and the booking policy across the threads it deals at once", async () => {
    const { property } = await newProperty("BOOKING_LINKED");
    const capped = await createStaff(t.database.db, [property.id], { maxOpenThreads: 1 });
    const free = await createStaff(t.database.db, [property.id]);
    // Every guest but the third writes about a stay at this property: the third's thread waits in the queue.
    const bookingIds: Array<number | undefined> = [];
    for (const i of [0, 1, 2, 3])
      bookingIds.push(
        i === 2
          ? undefined
          : (
              await createBooking(t.database.db, {
                propertyId: property.id,
                checkIn: day(now, 1),
                checkOut: day(now, 2),
              })
            ).id,
      );
    const threadIds = await withTransaction(t.ctx(), async (tx) => {
      deferAutoAssignments(tx);
      const ids = [];
      for (const bookingId of bookingIds) ids.push((await guestWrites(tx, property, bookingId)).thread.id);
      await flushAutoAssignments(tx);
      return ids;
    });
    const rows = await t.database.db.select().from(threads).where(eq(threads.propertyId, property.id));
    const assigneeOf = new Map(rows.map((r) => [r.id, r.assigneeId]));
    expect(threadIds.map((id) => assigneeOf.get(id))).toEqual([capped.id, free.id, null, free.id]);
    const events = await t.database.db.select().from(threadEvents).where(eq(threadEvents.type, "assigned"));
    expect(events.filter((e) => threadIds.includes(e.threadId))).toHaveLength(3);
    const audits = await t.database.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.action, "thread.assigned"));
    expect(audits.filter((a) => threadIds.map(String).includes(a.targetId ?? ""))).toHaveLength(3);
  });
});
