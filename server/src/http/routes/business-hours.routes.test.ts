import { AutoReplyResponse, BusinessHoursResponse } from "@contract/business-hours";
import { auditLogs } from "@server/db/schema/index";
import { createProperty } from "@test/factories";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: { authorization: string };
let goaManager: { authorization: string };
let goaAgent: { authorization: string };
let goa: number;
let pune: number;

beforeAll(async () => {
  t = await buildTestApp();
  goa = (await createProperty(t.database.db, { code: "GOA", timezone: "Asia/Kolkata" })).id;
  pune = (await createProperty(t.database.db, { code: "PUNE" })).id;
  admin = await apiKeyHeaders(t, "ADMIN");
  goaManager = await apiKeyHeaders(t, "MANAGER", ["GOA"]);
  goaAgent = await apiKeyHeaders(t, "AGENT", ["GOA"]);
});
afterAll(() => t.close());

const call = (method: "GET" | "PUT", url: string, headers?: object, payload?: object) =>
  t.app.inject({ method, url, headers: headers as Record<string, string>, payload });

const nineToFive = [{ open: "09:00", close: "17:00" }];
const hours = {
  enabled: true,
  weekly: [
    [],
    nineToFive,
    nineToFive,
    nineToFive,
    nineToFive,
    nineToFive,
    [{ open: "22:00", close: "02:00" }],
  ],
  closures: [
    { date: "2026-12-25", label: "Christmas" },
    { date: "2026-01-26", label: "Republic Day" },
  ],
};
const autoReply = {
  outOfHoursEnabled: true,
  outOfHoursText: "We are closed.",
  outOfHoursTemplateName: "desk_closed",
  outOfHoursTemplateParams: ["Goa"],
  minIntervalMinutes: 120,
  greetingEnabled: true,
  greetingText: "Welcome!",
};

describe("/api/properties/:id/business-hours", () => {
  it("starts switched off, and lets the property's manager set hours (closures in date order, audited)", async () => {
    const initial = BusinessHoursResponse.parse(
      (await call("GET", `/api/properties/${goa}/business-hours`, goaManager)).json(),
    );
    expect(initial.businessHours).toMatchObject({
      enabled: false,
      timeZone: "Asia/Kolkata",
      openNow: true,
      closures: [],
    });

    const saved = await call("PUT", `/api/properties/${goa}/business-hours`, goaManager, hours);
    expect(saved.statusCode, saved.body).toBe(200);
    const { businessHours } = BusinessHoursResponse.parse(saved.json());
    expect(businessHours).toMatchObject({ propertyId: goa, enabled: true, weekly: hours.weekly });
    expect(businessHours.closures.map((c) => c.date)).toEqual(["2026-01-26", "2026-12-25"]);
    const again = BusinessHoursResponse.parse(
      (await call("GET", `/api/properties/${goa}/business-hours`, admin)).json(),
    );
    expect(again.businessHours.weekly).toEqual(hours.weekly);
    const audit = await t.database.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.action, "property.business_hours_updated"));
    expect(audit).toHaveLength(1);
  });

  it("refuses invalid times, a week that is not seven days, and repeated closure dates", async () => {
    const put = (body: object) =>
      call("PUT", `/api/properties/${goa}/business-hours`, admin, { ...hours, ...body });
    expect(
      (await put({ weekly: [[{ open: "9:00", close: "17:00" }], [], [], [], [], [], []] })).statusCode,
    ).toBe(400);
    expect(
      (await put({ weekly: [[{ open: "09:00", close: "24:30" }], [], [], [], [], [], []] })).statusCode,
    ).toBe(400);
    expect(
      (await put({ weekly: [[{ open: "09:00", close: "09:00" }], [], [], [], [], [], []] })).statusCode,
    ).toBe(400);
    expect((await put({ weekly: [[], [], []] })).statusCode).toBe(400);
    expect((await put({ closures: [{ date: "2026-02-30" }] })).statusCode).toBe(400);
    expect((await put({ closures: [{ date: "2026-12-25" }, { date: "2026-12-25" }] })).statusCode).toBe(400);
    expect(
      (await put({ weekly: [[{ open: "00:00", close: "24:00" }], [], [], [], [], [], []] })).statusCode,
    ).toBe(200);
  });

  it("is closed to another property's manager (404), to agents (403) and without credentials (401)", async () => {
    for (const method of ["GET", "PUT"] as const) {
      expect(
        (await call(method, `/api/properties/${pune}/business-hours`, goaManager, hours)).statusCode,
      ).toBe(404);
      expect((await call(method, `/api/properties/${goa}/business-hours`, goaAgent, hours)).statusCode).toBe(
        403,
      );
      expect((await call(method, `/api/properties/${goa}/business-hours`, undefined, hours)).statusCode).toBe(
        401,
      );
      expect((await call(method, "/api/properties/999999/business-hours", admin, hours)).statusCode).toBe(
        404,
      );
    }
  });
});

describe("/api/properties/:id/auto-reply", () => {
  it("starts all off, and saves what the property's manager sets", async () => {
    const initial = AutoReplyResponse.parse(
      (await call("GET", `/api/properties/${goa}/auto-reply`, goaManager)).json(),
    );
    expect(initial.autoReply).toMatchObject({
      outOfHoursEnabled: false,
      greetingEnabled: false,
      outOfHoursTemplateName: null,
    });
    const saved = await call("PUT", `/api/properties/${goa}/auto-reply`, goaManager, autoReply);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(AutoReplyResponse.parse(saved.json()).autoReply).toEqual({ propertyId: goa, ...autoReply });
  });

  it("refuses an enabled reply with nothing to send", async () => {
    const put = (body: object) =>
      call("PUT", `/api/properties/${goa}/auto-reply`, admin, { ...autoReply, ...body });
    expect((await put({ outOfHoursText: "", outOfHoursTemplateName: null })).statusCode).toBe(400);
    expect((await put({ greetingText: " " })).statusCode).toBe(400);
    expect((await put({ minIntervalMinutes: 0 })).statusCode).toBe(400);
  });

  it("is closed to another property's manager (404), to agents (403) and without credentials (401)", async () => {
    for (const method of ["GET", "PUT"] as const) {
      expect(
        (await call(method, `/api/properties/${pune}/auto-reply`, goaManager, autoReply)).statusCode,
      ).toBe(404);
      expect((await call(method, `/api/properties/${goa}/auto-reply`, goaAgent, autoReply)).statusCode).toBe(
        403,
      );
      expect((await call(method, `/api/properties/${goa}/auto-reply`, undefined, autoReply)).statusCode).toBe(
        401,
      );
    }
  });
});
