import { readFileSync } from "node:fs";
import { OverviewReport } from "@contract/reports";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  browserAvailable,
  DESKTOP,
  expectNoSeriousA11yViolations,
  type Hub,
  PHONE,
  screenshotsTo,
  scrollsSideways,
  signIn,
  startHub,
} from "./hub-harness";

// The demo hotels count their days in Kolkata; this admin reads the reports from a head office in
// London, whose today is the day before the hotels' own between 18:30 and 24:00 UTC. The default range
// must still end on the hotels' today.
const HEAD_OFFICE_ZONE = "Europe/London";
const HOTEL_ZONE = "Asia/Kolkata";
const hotelToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: HOTEL_ZONE }).format(new Date());

// The reports screen in a real browser against the real server and its demo data: charts drawn, the CSV
// download holding the same numbers as the API, axe-core clean at desktop and phone widths.

let hub: Hub;
const shoot = screenshotsTo(process.env.REPORTS_SCREENSHOTS);

function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(","));
}

describe.skipIf(!browserAvailable())("reports in the browser", () => {
  beforeAll(async () => {
    hub = await startHub();
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("draws the charts for the demo data; the CSV download matches the API", async () => {
    const page = await signIn(hub, ADMIN, undefined, hub.url, DESKTOP, HEAD_OFFICE_ZONE);
    await page.getByRole("link", { name: "Reports" }).click();
    await page.getByRole("heading", { name: "Reports", level: 1 }).waitFor();
    const before = hotelToday();
    const to = await page.getByLabel("To", { exact: true }).inputValue();
    expect([before, hotelToday()]).toContain(to);
    expect(new URL(page.url()).pathname).toBe("/admin/reports");
    for (const chart of [
      "Conversations opened and resolved",
      "Messages in and out per channel",
      "First-response time, median and p90, overall and per agent and property",
      "Outbound delivery outcome rates per channel",
    ])
      await page.getByRole("img", { name: chart }).waitFor();
    await page.getByRole("table", { name: "Guest messages per weekday and hour, local time" }).waitFor();
    // The demo's conversations are in the default range (the last 30 days): bars are drawn.
    await expect
      .poll(() => page.locator('[aria-label="Conversations opened and resolved"] rect').count())
      .toBeGreaterThan(0);
    const opened = Number(await page.getByTestId("overview-totals").locator("strong").first().textContent());
    expect(opened).toBeGreaterThan(0);
    expect(await page.locator(".heatmap td:not(:empty)").count()).toBeGreaterThan(0);

    const link = page.getByRole("link", { name: "Download CSV of conversations" });
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/api\/reports\/overview\?.*format=csv/);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const csv = parseCsv(readFileSync((await download.path()) ?? "", "utf8"));
    const api = OverviewReport.parse(
      await page.evaluate(
        async (url) => (await fetch(url)).json(),
        href.replace("format=csv", "format=json"),
      ),
    );
    expect(csv[0]).toEqual(["bucket", "opened", "resolved", "whatsappIn", "whatsappOut", "smsIn", "smsOut"]);
    expect(csv.slice(1)).toEqual(
      api.rows.map((r) =>
        [r.bucket, r.opened, r.resolved, r.whatsappIn, r.whatsappOut, r.smsIn, r.smsOut].map(String),
      ),
    );
    expect(api.rows.reduce((sum, r) => sum + r.opened, 0)).toBe(opened);

    await expectNoSeriousA11yViolations(page, "reports (desktop)");
    await shoot(page, "reports-1440");
    await page.setViewportSize(PHONE);
    await page.getByRole("img", { name: "Conversations opened and resolved" }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoSeriousA11yViolations(page, "reports (phone)");
    await shoot(page, "reports-390");

    // A narrower range and one property reload the charts through the same API.
    await page.getByLabel("Group by").selectOption("hour-of-week");
    await page.getByRole("button", { name: "Show" }).click();
    await expect
      .poll(() => page.getByRole("link", { name: "Download CSV of conversations" }).getAttribute("href"))
      .toContain("groupBy=hour-of-week");
  }, 300_000);
});
