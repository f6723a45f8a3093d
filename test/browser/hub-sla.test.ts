import type { PropertyDto } from "@contract/properties";
import type { SlaPoliciesResponse } from "@contract/sla";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  browserAvailable,
  DESKTOP,
  expectNoSeriousA11yViolations,
  type Hub,
  openThread,
  PHONE,
  screenshotsTo,
  scrollsSideways,
  signIn,
  startHub,
} from "./hub-harness";

// A one-minute first-reply target set on the Properties screen; a guest writes through the real webhook;
// the inbox row shows the time left and turns red, live, when the breach sweep marks it; the timeline
// says so. Time is not faked: the target is one minute and the sweep runs every second.

let hub: Hub;
const WEBHOOK_SECRET = "hub-sla-webhook-secret-0123456";
const shoot = screenshotsTo(process.env.SLA_SCREENSHOTS);

async function guestWrites(from: string, name: string, text: string): Promise<void> {
  const res = await fetch(`${hub.url}/webhooks/gupshup`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${WEBHOOK_SECRET}` },
    body: JSON.stringify({
      app: "commhub",
      timestamp: Date.now(),
      version: 2,
      type: "message",
      payload: {
        id: `sla-${Date.now()}`,
        source: from,
        type: "text",
        payload: { text },
        sender: { phone: from, name, country_code: "91", dial_code: from.slice(2) },
      },
    }),
  });
  expect(res.status).toBe(200);
}

const api = <T>(page: Page, url: string) =>
  page.evaluate(async (u) => (await fetch(u)).json(), url) as Promise<T>;

describe.skipIf(!browserAvailable())("response-time targets in the browser", () => {
  beforeAll(async () => {
    hub = await startHub({ GUPSHUP_WEBHOOK_SECRET: WEBHOOK_SECRET, SLA_SWEEP_SECONDS: "1" });
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("a breach turns the guest's row red live, and the timeline records it", async () => {
    const page = await signIn(hub, ADMIN, undefined, hub.url, DESKTOP);
    const properties = (await api<{ properties: PropertyDto[] }>(page, "/api/properties")).properties;
    const home = properties.find((p) => p.isDefault) ?? properties[0];
    if (!home) throw new Error("no property in the demo data");

    await page.goto(`${hub.url}/admin/properties`);
    const row = page.locator(".staff-row", { hasText: home.name }).first();
    await row.getByText("Response-time targets (SLA)").click();
    await row.getByRole("button", { name: "Add rule" }).click();
    await row.getByLabel("First reply within (minutes)").fill("1");
    await row.getByLabel("Resolved within (minutes)").fill("600");
    await row.getByRole("button", { name: "Save targets" }).click();
    await row.getByRole("status").filter({ hasText: "Targets saved." }).waitFor();
    const saved = await api<SlaPoliciesResponse>(page, `/api/properties/${home.id}/sla-policies`);
    expect(saved.policies).toEqual([
      {
        channel: null,
        priority: null,
        firstResponseSeconds: 60,
        nextResponseSeconds: null,
        resolutionSeconds: 36_000,
        pauseWhileSnoozed: true,
      },
    ]);
    await expectNoSeriousA11yViolations(page, "properties with the SLA section open");
    await shoot(page, "sla-properties-1440");
    await page.setViewportSize(PHONE);
    expect(await scrollsSideways(page)).toBe(false);
    await shoot(page, "sla-properties-390");
    await page.setViewportSize(DESKTOP);

    await page.goto(`${hub.url}/`);
    await page.getByTestId("live-badge").filter({ hasText: "Live" }).waitFor();
    const guest = { phone: "919845000281", name: "Timed Guest" };
    await guestWrites(guest.phone, guest.name, "Is the airport shuttle running tonight?");
    const inboxRow = page.getByRole("button", { name: new RegExp(`^${guest.name}`) });
    const badge = inboxRow.getByTestId("sla-badge");
    await badge.waitFor();
    expect(await badge.textContent()).toMatch(/First reply (in \d+m|due now)/);
    expect(await inboxRow.getAttribute("data-sla")).not.toBe("breached");
    await shoot(page, "sla-inbox-running-1440");

    // No reload from here on: the red row can only come from the live event the breach sweep publishes.
    await page
      .locator('.thread-row[data-sla="breached"]', { hasText: guest.name })
      .waitFor({ timeout: 180_000 });
    expect(await badge.textContent()).toMatch(/First reply: SLA breached/);
    await expectNoSeriousA11yViolations(page, "inbox with a breached row");
    await shoot(page, "sla-inbox-breached-1440");

    await page.getByLabel("Sort").selectOption("sla");
    await expect
      .poll(async () => (await page.locator(".thread-row").first().textContent()) ?? "")
      .toContain(guest.name);

    await openThread(page, guest.name);
    await page.getByText("SLA breached: first response").waitFor();
    await page.setViewportSize(PHONE);
    await page.goto(`${hub.url}/`);
    await page.locator('.thread-row[data-sla="breached"]', { hasText: guest.name }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await shoot(page, "sla-inbox-breached-390");
  }, 400_000);
});
