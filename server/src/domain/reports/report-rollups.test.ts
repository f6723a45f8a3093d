import type { Actor } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { contacts, messageLogs, properties, threads } from "@server/db/schema/index";
import { getBusiestHoursReport } from "@server/domain/reports/get-busiest-hours-report";
import { getDeliveryReport } from "@server/domain/reports/get-delivery-report";
import { getOverviewReport } from "@server/domain/reports/get-overview-report";
import { getResponseTimesReport } from "@server/domain/reports/get-response-times-report";
import { listDeliveryErrors } from "@server/domain/reports/list-delivery-errors";
import {
  REFRESH_REPORT_ROLLUPS_QUEUE,
  refreshReportRollups,
} from "@server/domain/reports/refresh-report-rollups";
import { refreshReportRollupsJob } from "@server/jobs/refresh-report-rollups.job";
import { JobRunner } from "@server/queue/job-runner";
import { queueRecurringJobs } from "@server/queue/recurring-jobs";
import { REPORT_RANGE, type ReportFixture, seedReportFixture } from "@test/report-fixture";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// The rollups stay exact (ADR 0008): after each change below, made once the recurring job has rolled the
// dataset of server/test/report-fixture.ts up, the reports show the change, and they equal what a rebuild
// from message_logs (a scan of everything) answers.

let t: TestHarness;
let f: ReportFixture;
beforeEach(async () => {
  t = await createTestHarness();
  f = await seedReportFixture(t.database.db);
  await runRollupJob();
  // The job ran an hour ago and nothing has changed since (the dataset is from before, outside the
  // refresh's safety margin): only what each test changes is new to the next refresh.
  await t.database.db.execute(sql`update message_logs set updated_at = updated_at - interval '2 hours'`);
  await t.database.db.execute(sql`update threads set updated_at = updated_at - interval '2 hours'`);
  await t.database.db.execute(
    sql`update report_rollup_state set refreshed_at = refreshed_at - interval '1 hour'`,
  );
});
afterEach(() => t.close());

const admin: Actor = { type: "staff", staffUserId: 1, role: "ADMIN", propertyIds: [] };
const manager = (propertyId: number): Actor => ({
  type: "staff",
  staffUserId: 2,
  role: "MANAGER",
  propertyIds: [propertyId],
});

async function runRollupJob(): Promise<void> {
  await queueRecurringJobs(t.deps, [{ queue: REFRESH_REPORT_ROLLUPS_QUEUE, everyMs: 60_000 }]);
  await new JobRunner(t.deps).register(refreshReportRollupsJob).drain();
  const state = await queryRows(t.database.db, sql`select refreshed_at from report_rollup_state`);
  expect(state).toHaveLength(1);
}

async function threadOf(label: string): Promise<number> {
  const [row] = await t.database.db
    .select({ id: threads.id })
    .from(threads)
    .innerJoin(contacts, eq(contacts.id, threads.contactId))
    .where(eq(contacts.name, `Guest ${label}`));
  if (!row) throw new Error(`no thread for ${label}`);
  return row.id;
}

async function everyReport(actor: Actor = admin) {
  const ctx = t.ctx(actor);
  return {
    byDay: await getOverviewReport(ctx, { ...REPORT_RANGE, groupBy: "day" }),
    byHour: await getOverviewReport(ctx, { ...REPORT_RANGE, groupBy: "hour-of-week" }),
    times: await getResponseTimesReport(ctx, REPORT_RANGE),
    delivery: await getDeliveryReport(ctx, REPORT_RANGE),
    errors: await listDeliveryErrors(ctx, REPORT_RANGE),
    busiest: await getBusiestHoursReport(ctx, REPORT_RANGE),
  };
}

/** What the reports answer now equals what they answer after rebuilding the rollups from every message. */
async function expectSameAsRebuild(): Promise<void> {
  const folded = await everyReport();
  const rebuilt = await refreshReportRollups(t.ctx(), { rebuild: true });
  expect(rebuilt.rebuilt).toBe(true);
  expect(await everyReport()).toEqual(folded);
}

const busy = (rows: Array<{ dayOfWeek: number; hour: number; inbound: number }>) =>
  rows.filter((r) => r.inbound > 0).map((r) => [r.dayOfWeek, r.hour, r.inbound]);

describe("report rollups stay exact", () => {
  it("a delivery status that changes after the rollup ran", async () => {
    const g2 = await threadOf("G2");
    // G2's reply, DELIVERED when rolled up, fails later (a late callback).
    await t.database.db
      .update(messageLogs)
      .set({ status: "FAILED", providerErrorCode: "131026", errorCode: "UNDELIVERABLE" })
      .where(and(eq(messageLogs.threadId, g2), eq(messageLogs.direction, "OUTBOUND")));
    const { delivery, errors } = await everyReport();
    expect(delivery.rows[0]).toMatchObject({
      channel: "WHATSAPP",
      total: 6,
      delivered: 1,
      read: 1,
      failed: 4,
    });
    expect(errors.rows.map((r) => [r.providerErrorCode, r.count])).toEqual([
      ["131047", 2],
      ["1002", 1],
      ["131026", 1],
    ]);
    const refresh = await refreshReportRollups(t.ctx());
    // Only G2's hour is recomputed on the next refresh (the change is still inside the margin).
    expect(refresh).toMatchObject({ rebuilt: false, dirtyHours: 1, dirtyThreads: 1 });
    await expectSameAsRebuild();
  });

  it("a conversation resolved, another reopened after the rollup ran", async () => {
    const [g3, g1] = [await threadOf("G3"), await threadOf("G1")];
    await t.database.db
      .update(threads)
      .set({ status: "RESOLVED", resolvedAt: new Date("2026-11-03T10:00:00Z") })
      .where(eq(threads.id, g3));
    await t.database.db.update(threads).set({ status: "OPEN", resolvedAt: null }).where(eq(threads.id, g1));
    const { byDay } = await everyReport();
    // Resolved: 4 → 3 on 2 November (G1 reopened), 1 → 2 on 3 November (G3).
    expect(byDay.rows.map((r) => [r.bucket, r.opened, r.resolved])).toEqual([
      ["2026-11-02", 5, 3],
      ["2026-11-03", 3, 2],
    ]);
    await expectSameAsRebuild();
  });

  it("a message that arrives after the rollup ran, stamped earlier (stored late)", async () => {
    const g3 = await threadOf("G3");
    const [g3Inbound] = await t.database.db.select().from(messageLogs).where(eq(messageLogs.threadId, g3));
    if (!g3Inbound) throw new Error("G3 has no message");
    // Tuesday 07:50 in Goa, before G3's first message (13:30): the conversation now starts earlier.
    await t.database.db.insert(messageLogs).values({
      contactId: g3Inbound.contactId,
      threadId: g3,
      channel: "SMS",
      direction: "INBOUND",
      status: "DELIVERED",
      phone: g3Inbound.phone,
      message: "stored late",
      createdAt: new Date("2026-11-03T02:20:00Z"),
    });
    const { byDay, busiest, times } = await everyReport();
    expect(byDay.rows[1]).toMatchObject({ bucket: "2026-11-03", smsIn: 3, smsOut: 2 });
    expect(busy(busiest.rows)).toContainEqual([2, 7, 1]);
    // G3's first response is now 08:05 − 02:20 UTC = 20,700 s; Bala's are 480, 600, 20,700 (p90 at 1.8:
    // 600 + 0.8 × 20,100).
    const bala = times.rows.find((r) => r.scope === "agent" && r.key === f.staff.bala);
    expect(bala).toMatchObject({
      firstResponses: 3,
      firstResponseMedianSeconds: 600,
      firstResponseP90Seconds: 16_680,
    });
    await expectSameAsRebuild();
  });

  it("a thread moved to another property after the rollup ran (scoping and its zone)", async () => {
    const n1 = await threadOf("N1");
    await t.database.db.update(threads).set({ propertyId: f.properties.GOA }).where(eq(threads.id, n1));
    // N1's guest message, Monday 22:00 in New York, is Tuesday 08:30 in Goa.
    const { byHour, busiest } = await everyReport();
    expect(byHour.rows.find((r) => r.bucket === "Mon 22")).toMatchObject({ whatsappIn: 0, whatsappOut: 0 });
    expect(byHour.rows.find((r) => r.bucket === "Tue 08")).toMatchObject({ whatsappIn: 1, whatsappOut: 1 });
    expect(busy(busiest.rows)).not.toContainEqual([1, 22, 1]);
    const goa = await everyReport(manager(f.properties.GOA));
    const nyc = await everyReport(manager(f.properties.NYC));
    // Goa's WhatsApp replies G1 G2 G4 G5 G6, and now N1's (SENT).
    expect(goa.delivery.rows[0]).toMatchObject({ total: 6, sent: 3 });
    expect(nyc.delivery.rows.map((r) => r.total)).toEqual([0, 1]);
    expect(busy(nyc.busiest.rows)).toEqual([[2, 23, 1]]);
    await expectSameAsRebuild();
    // Moved back, folded by the other way (one range scan instead of hour by hour).
    await t.database.db.update(threads).set({ propertyId: f.properties.NYC }).where(eq(threads.id, n1));
    // Two hours: Goa Tuesday 08 (N1 left it) and New York Monday 22 (N1 is back).
    expect(await refreshReportRollups(t.ctx(), { fewHours: 0 })).toMatchObject({ dirtyHours: 2 });
    const back = await getBusiestHoursReport(t.ctx(manager(f.properties.NYC)), REPORT_RANGE);
    expect(busy(back.rows)).toEqual([
      [1, 22, 1],
      [2, 23, 1],
    ]);
    await expectSameAsRebuild();
  });

  it("each property's own zone, and a property whose zone changes after the rollup ran", async () => {
    const before = busy((await getBusiestHoursReport(t.ctx(admin), REPORT_RANGE)).rows);
    // G1 (Goa) and N1 (New York) land in their own zones' hours: Monday 09:30 and Monday 22:00.
    expect(before).toContainEqual([1, 9, 1]);
    expect(before).toContainEqual([1, 22, 1]);
    await t.database.db
      .update(properties)
      .set({ timezone: "Europe/London" })
      .where(eq(properties.id, f.properties.NYC));
    // In London N1 (03:00 UTC) is Tuesday 03:00 and N2 (04:00 UTC on 4 November) is outside the range.
    const nyc = await everyReport(manager(f.properties.NYC));
    expect(busy(nyc.busiest.rows)).toEqual([[2, 3, 1]]);
    expect(nyc.byDay.rows.map((r) => [r.bucket, r.whatsappIn, r.smsIn])).toEqual([
      ["2026-11-02", 0, 0],
      ["2026-11-03", 1, 0],
    ]);
    expect(busy((await getBusiestHoursReport(t.ctx(manager(f.properties.GOA)), REPORT_RANGE)).rows)).toEqual(
      before.filter(([, hour]) => hour !== 22 && hour !== 23),
    );
    await expectSameAsRebuild();
  });

  it("reads the rollups: a change that bypasses updated_at stays out until a rebuild", async () => {
    // The contract the rollups rely on (ADR 0008): every write to message_logs stamps updated_at, as
    // Drizzle's update does. A raw statement that does not is invisible to the incremental refresh.
    await t.database.db.execute(sql`update message_logs set status = 'READ' where status = 'SENT'`);
    const stale = await getDeliveryReport(t.ctx(admin), REPORT_RANGE);
    expect(stale.rows[0]).toMatchObject({ read: 1 });
    await refreshReportRollups(t.ctx(), { rebuild: true });
    const fresh = await getDeliveryReport(t.ctx(admin), REPORT_RANGE);
    expect(fresh.rows[0]).toMatchObject({ read: 2 });
    const [state] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from report_threads`,
    );
    expect(state?.n).toBe(10);
  });

  it("a thread moved without stamping updated_at: requests miss it, the recurring job's full check folds it", async () => {
    const n2 = await threadOf("N2");
    await t.database.db.execute(sql`update threads set property_id = ${f.properties.GOA} where id = ${n2}`);
    const nyc = () => getBusiestHoursReport(t.ctx(manager(f.properties.NYC)), REPORT_RANGE);
    expect(busy((await nyc()).rows)).toEqual([
      [1, 22, 1],
      [2, 23, 1],
    ]);
    await runRollupJob();
    // N2's guest message is now Goa's (Wednesday 09:30 there, outside the range).
    expect(busy((await nyc()).rows)).toEqual([[1, 22, 1]]);
    await expectSameAsRebuild();
  });
});
