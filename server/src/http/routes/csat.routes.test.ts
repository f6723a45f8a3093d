import { CsatReport, CsatSettingsResponse } from "@contract/csat";
import { createTestProperties, sessionHeaders } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Who may read and change a property's CSAT setting and read the CSAT report.

let t: TestApp;
let ids: Record<string, number>;
let admin: Record<string, string>;
const settings = { enabled: true, delayMinutes: 15, templateName: "csat_survey", surveyText: "How was it?" };

beforeAll(async () => {
  t = await buildTestApp();
  ids = await createTestProperties(t, "CGOA", "CNYC");
  admin = await apiKeyHeaders(t, "ADMIN");
});
afterAll(() => t.close());

const url = (code: string) => `/api/properties/${ids[code]}/csat`;
const put = (path: string, headers: Record<string, string>, payload: object = settings) =>
  t.app.inject({ method: "PUT", url: path, headers, payload });
const get = (path: string, headers: Record<string, string>) =>
  t.app.inject({ method: "GET", url: path, headers });

describe("/api/properties/:id/csat", () => {
  it("answers the default (off) before anything is saved, then what an admin saved", async () => {
    const before = await get(url("CNYC"), admin);
    expect(before.statusCode).toBe(200);
    expect(CsatSettingsResponse.parse(before.json()).settings).toMatchObject({
      enabled: false,
      templateName: null,
    });
    const saved = await put(url("CNYC"), admin);
    expect(saved.statusCode).toBe(200);
    expect((await get(url("CNYC"), admin)).json()).toEqual({
      settings: { propertyId: ids.CNYC, ...settings },
    });
  });

  it("lets a manager of the property read and change it; an empty template name is stored as none", async () => {
    const manager = await sessionHeaders(t, "MANAGER", ["CGOA"]);
    const res = await put(url("CGOA"), manager, { ...settings, templateName: "" });
    expect(res.statusCode).toBe(200);
    expect(res.json().settings).toMatchObject({ propertyId: ids.CGOA, enabled: true, templateName: null });
    expect((await get(url("CGOA"), manager)).statusCode).toBe(200);
  });

  it("answers another property's manager 404, an agent 403 and no session 401", async () => {
    const goaManager = await sessionHeaders(t, "MANAGER", ["CGOA"]);
    expect((await get(url("CNYC"), goaManager)).statusCode).toBe(404);
    expect((await put(url("CNYC"), goaManager)).statusCode).toBe(404);
    const agent = await sessionHeaders(t, "AGENT", ["CGOA"]);
    expect((await get(url("CGOA"), agent)).statusCode).toBe(403);
    expect((await put(url("CGOA"), agent)).statusCode).toBe(403);
    expect((await get(url("CGOA"), {})).statusCode).toBe(401);
    expect((await put(url("CGOA"), {})).statusCode).toBe(401);
    // The other property's setting is unchanged by the refused writes.
    expect((await get(url("CNYC"), admin)).json().settings.delayMinutes).toBe(15);
  });

  it("refuses a delay out of range and an empty survey text with 400", async () => {
    expect((await put(url("CGOA"), admin, { ...settings, delayMinutes: -1 })).statusCode).toBe(400);
    expect((await put(url("CGOA"), admin, { ...settings, surveyText: " " })).statusCode).toBe(400);
    expect((await get("/api/properties/999999/csat", admin)).statusCode).toBe(404);
  });
});

describe("GET /api/reports/csat", () => {
  const range = "from=2026-11-01&to=2026-11-30";
  it("answers an empty report (no surveys) in JSON and CSV", async () => {
    const res = await get(`/api/reports/csat?${range}`, admin);
    expect(res.statusCode).toBe(200);
    expect(CsatReport.parse(res.json()).rows).toEqual([
      {
        sent: 0,
        responses: 0,
        responseRate: null,
        average: null,
        rated1: 0,
        rated2: 0,
        rated3: 0,
        rated4: 0,
        rated5: 0,
      },
    ]);
    const csv = await get(`/api/reports/csat?${range}&format=csv&propertyId=${ids.CGOA}`, admin);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers["content-disposition"]).toContain(
      `csat-property-${ids.CGOA}-2026-11-01-to-2026-11-30.csv`,
    );
    expect(csv.body.split("\r\n")[0]).toBe(
      "sent,responses,responseRate,average,rated1,rated2,rated3,rated4,rated5",
    );
  });

  it("is scoped like every report: another property 404, agents 403, no session 401", async () => {
    const goaManager = await sessionHeaders(t, "MANAGER", ["CGOA"]);
    expect((await get(`/api/reports/csat?${range}&propertyId=${ids.CGOA}`, goaManager)).statusCode).toBe(200);
    expect((await get(`/api/reports/csat?${range}&propertyId=${ids.CNYC}`, goaManager)).statusCode).toBe(404);
    expect(
      (await get(`/api/reports/csat?${range}`, await sessionHeaders(t, "AGENT", ["CGOA"]))).statusCode,
    ).toBe(403);
    expect((await get(`/api/reports/csat?${range}`, {})).statusCode).toBe(401);
  });
});
