import type { Ctx } from "@server/context";
import { propertyBusinessHours, slaOutcomes, threads } from "@server/db/schema/index";
import { moveThreadToProperty } from "@server/domain/assignment/move-thread-to-property";
import { linkThread } from "@server/domain/threads/link-thread";
import { recordThreadActivity } from "@server/domain/threads/record-thread-activity";
import { setThreadPriority } from "@server/domain/threads/set-thread-priority";
import { setThreadStatus } from "@server/domain/threads/set-thread-status";
import { createProperty, uniquePhone } from "@test/factories";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveSlaPolicies } from "./save-sla-policies";

let t: TestHarness;
let hotel: number; // Asia/Kolkata, open 09:00–18:00 every day, closed on Tuesday 3 March 2026
let aroundTheClock: number;
const at = (iso: string): Ctx => ({ ...t.ctx(), now: () => new Date(iso) });
const asStaff = (iso: string): Ctx => ({
  ...t.ctx({ type: "staff", staffUserId: 1, role: "ADMIN", propertyIds: "all" }),
  now: () => new Date(iso),
});
const date = (iso: string) => new Date(iso);
const minutes = (n: number) => n * 60;

beforeAll(async () => {
  t = await createTestHarness();
  hotel = (await createProperty(t.database.db, { timezone: "Asia/Kolkata" })).id;
  aroundTheClock = (await createProperty(t.database.db, { timezone: "UTC" })).id;
  const day = [{ open: "09:00", close: "18:00" }];
  await t.database.db.insert(propertyBusinessHours).values({
    propertyId: hotel,
    enabled: true,
    weekly: [day, day, day, day, day, day, day],
    closures: [{ date: "2026-03-03", label: "Holi" }],
  });
  const policy = {
    channel: null,
    priority: null,
    firstResponseSeconds: minutes(60),
    nextResponseSeconds: minutes(30),
    resolutionSeconds: minutes(8 * 60),
    pauseWhileSnoozed: true,
  };
  await saveSlaPolicies(t.ctx(), { propertyId: hotel, policies: [policy] });
  await saveSlaPolicies(t.ctx(), {
    propertyId: aroundTheClock,
    policies: [
      policy,
      { ...policy, channel: "SMS", firstResponseSeconds: minutes(10), pauseWhileSnoozed: false },
    ],
  });
});
afterAll(() => t.close());

async function guestWrites(propertyId: number, iso: string, channel: "WHATSAPP" | "SMS" = "WHATSAPP") {
  const { thread } = await linkThread(at(iso), {
    channel,
    direction: "INBOUND",
    at: date(iso),
    phone: uniquePhone(),
    propertyId,
  });
  return (
    await recordThreadActivity(at(iso), { threadId: thread.id, direction: "INBOUND", channel, at: date(iso) })
  ).thread;
}
// Guests' items come in through the webhook (the system); replies are sent by staff.
const activity = async (threadId: number, iso: string, direction: "INBOUND" | "OUTBOUND") =>
  (
    await recordThreadActivity(direction === "OUTBOUND" ? asStaff(iso) : at(iso), {
      threadId,
      direction,
      channel: "WHATSAPP",
      at: date(iso),
    })
  ).thread;
const outcomes = (threadId: number) =>
  t.database.db
    .select({ kind: slaOutcomes.kind, outcome: slaOutcomes.outcome, dueAt: slaOutcomes.dueAt })
    .from(slaOutcomes)
    .where(eq(slaOutcomes.threadId, threadId))
    .orderBy(slaOutcomes.id);

describe("SLA clocks", () => {
  it("counts in business hours across midnight and a holiday", async () => {
    // Monday 17:30 in Kolkata: 30 minutes left that day, Tuesday is a holiday, 30 more on Wednesday.
    const thread = await guestWrites(hotel, "2026-03-02T12:00:00Z");
    expect(thread.slaFirstResponseDueAt).toEqual(date("2026-03-04T04:00:00Z")); // Wed 09:30 IST
    // Resolution: 8 working hours = 0.5 h Monday + 7.5 h Wednesday → Wed 16:30 IST.
    expect(thread.slaResolutionDueAt).toEqual(date("2026-03-04T11:00:00Z"));
    expect(thread.slaDueAt).toEqual(date("2026-03-04T04:00:00Z"));

    const replied = await activity(thread.id, "2026-03-04T03:50:00Z", "OUTBOUND");
    expect(replied.slaFirstResponseDueAt).toBeNull();
    expect(replied.slaDueAt).toEqual(date("2026-03-04T11:00:00Z"));
    expect(await outcomes(thread.id)).toEqual([
      { kind: "FIRST_RESPONSE", outcome: "MET", dueAt: date("2026-03-04T04:00:00Z") },
    ]);
  });

  it("starts the next-response clock at the first unanswered guest message and resets it on reply", async () => {
    const thread = await guestWrites(aroundTheClock, "2026-03-02T10:00:00Z");
    await activity(thread.id, "2026-03-02T10:05:00Z", "OUTBOUND");
    const waiting = await activity(thread.id, "2026-03-02T11:00:00Z", "INBOUND");
    expect(waiting.slaNextResponseDueAt).toEqual(date("2026-03-02T11:30:00Z"));
    const again = await activity(thread.id, "2026-03-02T11:20:00Z", "INBOUND");
    expect(again.slaNextResponseDueAt).toEqual(date("2026-03-02T11:30:00Z"));
    const answered = await activity(thread.id, "2026-03-02T11:25:00Z", "OUTBOUND");
    expect(answered.slaNextResponseDueAt).toBeNull();
    const later = await activity(thread.id, "2026-03-02T13:00:00Z", "INBOUND");
    expect(later.slaNextResponseDueAt).toEqual(date("2026-03-02T13:30:00Z"));
    expect((await outcomes(thread.id)).map((o) => `${o.kind} ${o.outcome}`)).toEqual([
      "FIRST_RESPONSE MET",
      "NEXT_RESPONSE MET",
    ]);
  });

  it("counts a night shift past midnight, and a closure cuts off the tail of the night before", async () => {
    const nightDesk = (await createProperty(t.database.db, { timezone: "UTC" })).id;
    const night = [{ open: "22:00", close: "02:00" }];
    await t.database.db.insert(propertyBusinessHours).values({
      propertyId: nightDesk,
      enabled: true,
      weekly: [night, night, night, night, night, night, night],
      closures: [{ date: "2026-03-11" }],
    });
    await saveSlaPolicies(t.ctx(), {
      propertyId: nightDesk,
      policies: [
        {
          channel: null,
          priority: null,
          firstResponseSeconds: minutes(60),
          nextResponseSeconds: null,
          resolutionSeconds: null,
          pauseWhileSnoozed: false,
        },
      ],
    });
    expect((await guestWrites(nightDesk, "2026-03-09T23:30:00Z")).slaFirstResponseDueAt).toEqual(
      date("2026-03-10T00:30:00Z"),
    );
    // 30 minutes before midnight; the 11th is closed all day (the night's tail included), so the other
    // 30 come after midnight into the 12th (the part of the 11th's shift that falls on an open day).
    expect((await guestWrites(nightDesk, "2026-03-10T23:30:00Z")).slaFirstResponseDueAt).toEqual(
      date("2026-03-12T00:30:00Z"),
    );
  });

  it("does not count an automatic message (sent by the system) as the team's answer", async () => {
    const thread = await guestWrites(aroundTheClock, "2026-03-02T10:00:00Z");
    const { thread: after } = await recordThreadActivity(at("2026-03-02T10:00:05Z"), {
      threadId: thread.id,
      direction: "OUTBOUND",
      channel: "WHATSAPP",
      at: date("2026-03-02T10:00:05Z"),
    });
    expect(after.slaFirstResponseDueAt).toEqual(date("2026-03-02T11:00:00Z"));
    expect(await outcomes(thread.id)).toEqual([]);
  });

  it("takes the most specific policy: SMS answers within 10 minutes there", async () => {
    const thread = await guestWrites(aroundTheClock, "2026-03-02T10:00:00Z", "SMS");
    expect(thread.slaFirstResponseDueAt).toEqual(date("2026-03-02T10:10:00Z"));
  });

  it("moves running targets to the new priority's policy, keeping the time already spent", async () => {
    const property = (await createProperty(t.database.db, { timezone: "UTC" })).id;
    const targets = (first: number, resolution: number, priority: "urgent" | null) => ({
      channel: null,
      priority,
      firstResponseSeconds: minutes(first),
      nextResponseSeconds: null,
      resolutionSeconds: minutes(resolution),
      pauseWhileSnoozed: true,
    });
    await saveSlaPolicies(t.ctx(), {
      propertyId: property,
      policies: [targets(60, 600, null), targets(15, 120, "urgent")],
    });
    const thread = await guestWrites(property, "2026-03-02T10:00:00Z");
    const urgent = await setThreadPriority(at("2026-03-02T10:05:00Z"), {
      threadId: thread.id,
      priority: "urgent",
    });
    expect(urgent).toMatchObject({
      slaFirstResponseDueAt: date("2026-03-02T10:15:00Z"),
      slaResolutionDueAt: date("2026-03-02T12:00:00Z"),
      slaDueAt: date("2026-03-02T10:15:00Z"),
    });
    const back = await setThreadPriority(at("2026-03-02T10:10:00Z"), {
      threadId: thread.id,
      priority: "low",
    });
    expect(back.slaFirstResponseDueAt).toEqual(date("2026-03-02T11:00:00Z"));
  });

  it("pauses while snoozed and resumes with the time that was left", async () => {
    const thread = await guestWrites(aroundTheClock, "2026-03-02T10:00:00Z");
    expect(thread.slaFirstResponseDueAt).toEqual(date("2026-03-02T11:00:00Z"));
    const snoozed = await setThreadStatus(at("2026-03-02T10:20:00Z"), {
      threadId: thread.id,
      status: "SNOOZED",
      snoozedUntil: date("2026-03-02T15:00:00Z"),
    });
    expect(snoozed).toMatchObject({ slaDueAt: null, slaPausedAt: date("2026-03-02T10:20:00Z") });
    const woken = await setThreadStatus(at("2026-03-02T12:00:00Z"), { threadId: thread.id, status: "OPEN" });
    // 40 minutes were left of the first-response target.
    expect(woken.slaFirstResponseDueAt).toEqual(date("2026-03-02T12:40:00Z"));
    expect(woken).toMatchObject({ slaPausedAt: null, slaDueAt: date("2026-03-02T12:40:00Z") });
  });

  it("pauses in working time: a snooze over a closed night takes nothing off the clock", async () => {
    // Monday 17:30 IST, snoozed at 17:45 (45 working minutes left), woken Wednesday 09:00 (after the holiday).
    const thread = await guestWrites(hotel, "2026-03-02T12:00:00Z");
    await setThreadStatus(at("2026-03-02T12:15:00Z"), { threadId: thread.id, status: "PENDING" });
    const woken = await activity(thread.id, "2026-03-04T03:30:00Z", "INBOUND");
    expect(woken.status).toBe("OPEN");
    expect(woken.slaFirstResponseDueAt).toEqual(date("2026-03-04T04:15:00Z")); // Wed 09:45 IST
  });

  it("keeps counting while snoozed when the policy does not pause", async () => {
    const thread = await guestWrites(aroundTheClock, "2026-03-02T10:00:00Z", "SMS");
    const snoozed = await setThreadStatus(at("2026-03-02T10:02:00Z"), {
      threadId: thread.id,
      status: "SNOOZED",
    });
    expect(snoozed).toMatchObject({ slaPausedAt: null, slaDueAt: date("2026-03-02T10:10:00Z") });
  });

  it("stops every clock on resolve and starts the resolution clock again on reopen", async () => {
    const thread = await guestWrites(aroundTheClock, "2026-03-02T10:00:00Z");
    await activity(thread.id, "2026-03-02T10:05:00Z", "OUTBOUND");
    const resolved = await setThreadStatus(at("2026-03-02T12:00:00Z"), {
      threadId: thread.id,
      status: "RESOLVED",
    });
    expect(resolved).toMatchObject({ slaResolutionDueAt: null, slaDueAt: null });
    expect((await outcomes(thread.id)).map((o) => `${o.kind} ${o.outcome}`)).toEqual([
      "FIRST_RESPONSE MET",
      "RESOLUTION MET",
    ]);
    const reopened = await activity(thread.id, "2026-03-03T09:00:00Z", "INBOUND");
    expect(reopened.status).toBe("OPEN");
    expect(reopened).toMatchObject({
      slaFirstResponseDueAt: null,
      slaNextResponseDueAt: date("2026-03-03T09:30:00Z"),
      slaResolutionDueAt: date("2026-03-03T17:00:00Z"),
      slaDueAt: date("2026-03-03T09:30:00Z"),
    });
  });

  it("leaves threads of a property without a policy alone", async () => {
    const plain = (await createProperty(t.database.db)).id;
    const thread = await guestWrites(plain, "2026-03-02T10:00:00Z");
    const [row] = await t.database.db.select().from(threads).where(eq(threads.id, thread.id));
    expect(row).toMatchObject({ slaDueAt: null, slaFirstResponseDueAt: null, slaResolutionDueAt: null });
  });

  it("starts running targets again under the new property's policy when a thread moves", async () => {
    const quickDesk = (await createProperty(t.database.db, { timezone: "UTC" })).id;
    await saveSlaPolicies(t.ctx(), {
      propertyId: quickDesk,
      policies: [
        {
          channel: null,
          priority: null,
          firstResponseSeconds: minutes(10),
          nextResponseSeconds: null,
          resolutionSeconds: null,
          pauseWhileSnoozed: true,
        },
      ],
    });
    const noTargets = (await createProperty(t.database.db, { timezone: "UTC" })).id;
    // Monday 10:30 in Kolkata, open: an hour to answer at the hotel.
    const thread = await guestWrites(hotel, "2026-03-02T05:00:00Z");
    expect(thread.slaFirstResponseDueAt).toEqual(date("2026-03-02T06:00:00Z"));

    const moved = await moveThreadToProperty(asStaff("2026-03-02T05:10:00Z"), {
      threadId: thread.id,
      propertyId: quickDesk,
    });
    expect(moved).toMatchObject({
      slaFirstResponseDueAt: date("2026-03-02T05:20:00Z"),
      slaResolutionDueAt: null,
      slaDueAt: date("2026-03-02T05:20:00Z"),
    });

    const untimed = await moveThreadToProperty(asStaff("2026-03-02T05:15:00Z"), {
      threadId: thread.id,
      propertyId: noTargets,
    });
    expect(untimed).toMatchObject({ slaFirstResponseDueAt: null, slaDueAt: null });
    expect(await outcomes(thread.id)).toEqual([]);
  });
});
