import { ErrorResponse } from "@contract/errors";
import {
  BusiestHoursReport,
  DeliveryErrorsReport,
  DeliveryReport,
  OverviewReport,
  ResponseTimesReport,
} from "@contract/reports";
import { REPORT_RANGE, type ReportFixture, seedReportFixture } from "@test/report-fixture";
import { sessionHeaders } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let f: ReportFixture;
let admin: Record<string, string>;
const range = `from=${REPORT_RANGE.from}&to=${REPORT_RANGE.to}`;

beforeAll(async () => {
  t = await buildTestApp();
  f = await seedReportFixture(t.database.db);
  admin = await apiKeyHeaders(t, "ADMIN");
});
afterAll(() => t.close());

const get = (url: string, headers = admin) => t.app.inject({ method: "GET", url, headers });

/** Parses our CSV (quoted cells allowed) into records keyed by the header. */
function parseCsv(text: string): Array<Record<string, string>> {
  const lines = text.trimEnd().split("\r\n");
  const split = (line: string) => {
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = !quoted;
      else if (c === "," && !quoted) {
        cells.push(cell);
        cell = "";
      } else cell += c;
    }
    return [...cells, cell];
  };
  const header = split(lines[0] ?? "");
  return lines.slice(1).map((line) => Object.fromEntries(split(line).map((v, i) => [header[i], v])));
}
const asCsv = (rows: Array<Record<string, unknown>>) =>
  rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? "" : String(v)])),
  );

describe("GET /api/reports/*", () => {
  const reports = [
    ["overview", OverviewReport],
    ["response-times", ResponseTimesReport],
    ["delivery", DeliveryReport],
    ["delivery-errors", DeliveryErrorsReport],
    ["busiest-hours", BusiestHoursReport],
  ] as const;

  it("answers JSON, and CSV with the same rows (header = the row keys)", async () => {
    for (const [name, schema] of reports) {
      const json = await get(`/api/reports/${name}?${range}`);
      expect(json.statusCode, name).toBe(200);
      const report = schema.parse(json.json());
      expect(report.rows.length, name).toBeGreaterThan(0);
      const csv = await get(`/api/reports/${name}?${range}&format=csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(csv.headers["content-disposition"]).toBe(
        `attachment; filename="${name}-${REPORT_RANGE.from}-to-${REPORT_RANGE.to}.csv"`,
      );
      expect(csv.body.split("\r\n")[0]).toBe(Object.keys(report.rows[0] ?? {}).join(","));
      expect(parseCsv(csv.body), name).toEqual(asCsv(report.rows as Array<Record<string, unknown>>));
    }
    const overview = await get(`/api/reports/overview?${range}&format=csv`);
    expect(overview.body).toContain("\r\n2026-11-02,5,4,4,5,0,0\r\n");
  });

  it("groups the overview by hour of the week", async () => {
    const report = OverviewReport.parse(
      (await get(`/api/reports/overview?${range}&groupBy=hour-of-week`)).json(),
    );
    expect(report.groupBy).toBe("hour-of-week");
    expect(report.rows).toHaveLength(168);
    expect(report.rows[0]?.bucket).toBe("Mon 00");
  });

  it("rejects bad dates, reversed and too long ranges, unknown groupings and formats", async () => {
    for (const query of [
      "from=2026-11-02",
      "from=2026-13-01&to=2026-12-01",
      "from=yesterday&to=2026-12-01",
      "from=2026-11-03&to=2026-11-02",
      "from=2025-01-01&to=2026-01-02",
      `${range}&groupBy=week`,
      `${range}&format=xlsx`,
      `${range}&propertyId=abc`,
    ]) {
      const res = await get(`/api/reports/overview?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(ErrorResponse.parse(res.json()).error.code, query).toBe("VALIDATION_FAILED");
    }
    expect((await get("/api/reports/overview?from=2025-01-01&to=2026-01-01")).statusCode).toBe(200);
  });

  it("managers see their properties only; another property is 404; agents get 403", async () => {
    const goaManager = await sessionHeaders(t, "MANAGER", ["RGOA"]);
    const own = OverviewReport.parse((await get(`/api/reports/overview?${range}`, goaManager)).json());
    expect(own.rows.map((r) => r.opened)).toEqual([4, 2]);
    const times = ResponseTimesReport.parse(
      (await get(`/api/reports/response-times?${range}`, goaManager)).json(),
    );
    expect(times.rows.map((r) => r.name)).not.toContain("New York Midtown");
    for (const name of ["overview", "response-times", "delivery", "delivery-errors", "busiest-hours"]) {
      const other = await get(
        `/api/reports/${name}?${range}&propertyId=${f.properties.NYC}&format=csv`,
        goaManager,
      );
      expect(other.statusCode, name).toBe(404);
      expect(ErrorResponse.parse(other.json()).error.code).toBe("NOT_FOUND");
      const agent = await get(`/api/reports/${name}?${range}`, await sessionHeaders(t, "AGENT", ["RGOA"]));
      expect(agent.statusCode, name).toBe(403);
    }
    const key = await apiKeyHeaders(t, "MANAGER", ["RNYC"]);
    const nyc = DeliveryReport.parse((await get(`/api/reports/delivery?${range}`, key)).json());
    expect(nyc.rows.map((r) => r.total)).toEqual([1, 1]);
  });
});
