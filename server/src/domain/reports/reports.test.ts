import type { Actor } from "@server/context";
import { getBusiestHoursReport } from "@server/domain/reports/get-busiest-hours-report";
import { getDeliveryReport } from "@server/domain/reports/get-delivery-report";
import { getOverviewReport } from "@server/domain/reports/get-overview-report";
import { getResponseTimesReport } from "@server/domain/reports/get-response-times-report";
import { listDeliveryErrors } from "@server/domain/reports/list-delivery-errors";
import { REPORT_RANGE, type ReportFixture, seedReportFixture } from "@test/report-fixture";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Expected figures worked out by hand from server/test/report-fixture.ts (dates local to each property).

let t: TestHarness;
let f: ReportFixture;
beforeAll(async () => {
  t = await createTestHarness();
  f = await seedReportFixture(t.database.db);
});
afterAll(() => t.close());

const admin: Actor = { type: "staff", staffUserId: 1, role: "ADMIN", propertyIds: [] };
const manager = (...propertyIds: number[]): Actor => ({
  type: "staff",
  staffUserId: 2,
  role: "MANAGER",
  propertyIds,
});

describe("report figures on a known dataset", () => {
  it("overview: opened and resolved per local day, messages in/out per channel", async () => {
    const report = await getOverviewReport(t.ctx(admin), { ...REPORT_RANGE, groupBy: "day" });
    expect(report.rows).toEqual([
      // Opened G1 G2 G5 G6 N1; resolved G1 G2 N1 G8; in G1 G2 G6 N1; out G1 G2 G5 G6 N1.
      { bucket: "2026-11-02", opened: 5, resolved: 4, whatsappIn: 4, whatsappOut: 5, smsIn: 0, smsOut: 0 },
      // Opened G3 G4 N2; resolved G4; WhatsApp G4 in and out; SMS G3 and N2 in and out.
      { bucket: "2026-11-03", opened: 3, resolved: 1, whatsappIn: 1, whatsappOut: 1, smsIn: 2, smsOut: 2 },
    ]);
    const byHour = await getOverviewReport(t.ctx(admin), { ...REPORT_RANGE, groupBy: "hour-of-week" });
    expect(byHour.rows).toHaveLength(168);
    // N1: Monday 22:00 in New York (Tuesday 03:00 UTC): opened, its guest message; resolved 22:30.
    expect(byHour.rows.find((r) => r.bucket === "Mon 22")).toEqual({
      bucket: "Mon 22",
      opened: 1,
      resolved: 1,
      whatsappIn: 1,
      whatsappOut: 1,
      smsIn: 0,
      smsOut: 0,
    });
    expect(byHour.rows.find((r) => r.bucket === "Tue 03")?.opened).toBe(0);
    expect(byHour.rows.reduce((sum, r) => sum + r.opened, 0)).toBe(8);
  });

  it("response times: median and p90 overall, per agent and per property", async () => {
    const report = await getResponseTimesReport(t.ctx(admin), REPORT_RANGE);
    const pick = (scope: string, key: number | null) =>
      report.rows.find((r) => r.scope === scope && r.key === key);
    // First responses (s): G1 60, G2 120, N1 240, G3 300, N2 480, G4 600, G6 1000 (G5 staff-started,
    // G7 outside). p90 = value at 0.9 × (n − 1), interpolated: 600 + 0.4 × 400.
    // Resolutions (s): N1 1800, G1 3600, G2 7200, G4 10800, G8 86400. p90 at 3.6: 10800 + 0.6 × 75600.
    expect(pick("overall", null)).toEqual({
      scope: "overall",
      key: null,
      name: "All",
      firstResponses: 7,
      firstResponseMedianSeconds: 300,
      firstResponseP90Seconds: 760,
      resolved: 5,
      resolutionMedianSeconds: 7200,
      resolutionP90Seconds: 56160,
    });
    // Asha: 60, 120, 240 (p90 120 + 0.8 × 120); resolutions 1800, 3600, 7200 (p90 3600 + 0.8 × 3600).
    expect(pick("agent", f.staff.asha)).toMatchObject({
      name: "Asha Agent",
      firstResponses: 3,
      firstResponseMedianSeconds: 120,
      firstResponseP90Seconds: 216,
      resolved: 3,
      resolutionMedianSeconds: 3600,
      resolutionP90Seconds: 6480,
    });
    // Bala: 300, 480, 600; resolutions 10800, 86400 (median 48600, p90 10800 + 0.9 × 75600).
    expect(pick("agent", f.staff.bala)).toMatchObject({
      firstResponses: 3,
      firstResponseMedianSeconds: 480,
      firstResponseP90Seconds: 576,
      resolved: 2,
      resolutionMedianSeconds: 48600,
      resolutionP90Seconds: 78840,
    });
    expect(pick("agent", null)).toMatchObject({
      name: "Unassigned",
      firstResponses: 1,
      firstResponseMedianSeconds: 1000,
      resolved: 0,
      resolutionMedianSeconds: null,
    });
    // Goa: 60, 120, 300, 600, 1000 (p90 at 3.6: 600 + 0.6 × 400); 3600, 7200, 10800, 86400 (p90 at 2.7).
    expect(pick("property", f.properties.GOA)).toMatchObject({
      name: "Goa Beach",
      firstResponses: 5,
      firstResponseMedianSeconds: 300,
      firstResponseP90Seconds: 840,
      resolved: 4,
      resolutionMedianSeconds: 9000,
      resolutionP90Seconds: 63720,
    });
    expect(pick("property", f.properties.NYC)).toMatchObject({
      firstResponses: 2,
      firstResponseMedianSeconds: 360,
      firstResponseP90Seconds: 456,
      resolved: 1,
      resolutionMedianSeconds: 1800,
      resolutionP90Seconds: 1800,
    });
    expect(report.rows.map((r) => r.scope)).toEqual([
      "overall",
      "agent",
      "agent",
      "agent",
      "property",
      "property",
    ]);
  });

  it("delivery: outcomes and rates per channel, top provider error codes", async () => {
    const report = await getDeliveryReport(t.ctx(admin), REPORT_RANGE);
    // WhatsApp out: G1 READ, G2 DELIVERED, N1 SENT, G4 G5 G6 FAILED. SMS out: G3 DELIVERED, N2 PENDING.
    expect(report.rows).toEqual([
      {
        channel: "WHATSAPP",
        total: 6,
        pending: 0,
        sent: 3,
        delivered: 2,
        read: 1,
        failed: 3,
        sentRate: 0.5,
        deliveredRate: 0.3333,
        readRate: 0.1667,
        failedRate: 0.5,
      },
      {
        channel: "SMS",
        total: 2,
        pending: 1,
        sent: 1,
        delivered: 1,
        read: 0,
        failed: 0,
        sentRate: 0.5,
        deliveredRate: 0.5,
        readRate: 0,
        failedRate: 0,
      },
    ]);
    const errors = await listDeliveryErrors(t.ctx(admin), REPORT_RANGE);
    // G7's 999 falls outside the range.
    expect(errors.rows).toEqual([
      {
        channel: "WHATSAPP",
        providerErrorCode: "131047",
        errorCode: "WINDOW_CLOSED",
        count: 2,
        sampleText: "provider said 131047",
      },
      {
        channel: "WHATSAPP",
        providerErrorCode: "1002",
        errorCode: "NOT_ON_WHATSAPP",
        count: 1,
        sampleText: "provider said 1002",
      },
    ]);
  });

  it("busiest hours: inbound messages per local weekday and hour", async () => {
    const report = await getBusiestHoursReport(t.ctx(admin), REPORT_RANGE);
    expect(report.rows).toHaveLength(168);
    const busy = report.rows.filter((r) => r.inbound > 0).map((r) => [r.dayOfWeek, r.hour, r.inbound]);
    // G6 Mon 00:30, G1 09:30, G2 15:30 (Goa), N1 Mon 22:00 (New York); G3 Tue 13:30, G4 17:30, N2 Tue 23:00.
    expect(busy).toEqual([
      [1, 0, 1],
      [1, 9, 1],
      [1, 15, 1],
      [1, 22, 1],
      [2, 13, 1],
      [2, 17, 1],
      [2, 23, 1],
    ]);
  });
});

describe("report scoping", () => {
  it("a manager sees only their properties; another property is not found; agents are refused", async () => {
    const goaManager = t.ctx(manager(f.properties.GOA));
    const overview = await getOverviewReport(goaManager, { ...REPORT_RANGE, groupBy: "day" });
    // Goa only: opened G1 G2 G5 G6 | G3 G4.
    expect(overview.rows.map((r) => r.opened)).toEqual([4, 2]);
    const times = await getResponseTimesReport(goaManager, REPORT_RANGE);
    expect(times.rows.filter((r) => r.scope === "property").map((r) => r.key)).toEqual([f.properties.GOA]);
    expect(times.rows[0]).toMatchObject({ firstResponses: 5, firstResponseMedianSeconds: 300 });
    await expect(
      getDeliveryReport(goaManager, { ...REPORT_RANGE, propertyId: f.properties.NYC }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      getBusiestHoursReport(t.ctx(manager()), REPORT_RANGE).then((r) => r.rows.some((c) => c.inbound > 0)),
    ).resolves.toBe(false);
    await expect(
      getOverviewReport(
        t.ctx({ type: "staff", staffUserId: 3, role: "AGENT", propertyIds: [f.properties.GOA] }),
        {
          ...REPORT_RANGE,
          groupBy: "day",
        },
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an admin narrows to one property", async () => {
    const overview = await getOverviewReport(t.ctx(admin), {
      ...REPORT_RANGE,
      propertyId: f.properties.NYC,
      groupBy: "day",
    });
    expect(overview.rows.map((r) => [r.opened, r.resolved])).toEqual([
      [1, 1],
      [1, 0],
    ]);
  });
});
