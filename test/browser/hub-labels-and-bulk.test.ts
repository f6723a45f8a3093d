import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  browserAvailable,
  expectNoSeriousA11yViolations,
  type Hub,
  openThread,
  PHONE,
  scrollsSideways,
  signIn,
  startHub,
  threadMenuAction,
} from "./hub-harness";

// Labels and priority set in one browser show live in another; a bulk resolve of 50 conversations from
// ticked rows ("select all matching"); the selection on a phone. Guests write through the real webhook.

let hub: Hub;
// A loaded machine takes its time through the webhook queue and the event stream.
const LIVE = { timeout: 90_000, interval: 500 };
const WEBHOOK_SECRET = "hub-labels-webhook-secret-0123";
let sequence = 0;

async function guestWrites(from: string, name: string, text: string): Promise<void> {
  sequence += 1;
  const res = await fetch(`${hub.url}/webhooks/gupshup`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${WEBHOOK_SECRET}` },
    body: JSON.stringify({
      app: "commhub",
      timestamp: Date.now(),
      version: 2,
      type: "message",
      payload: {
        id: `labels-${Date.now()}-${sequence}`,
        source: from,
        type: "text",
        payload: { text },
        sender: { phone: from, name, country_code: "91", dial_code: from.slice(2) },
      },
    }),
  });
  expect(res.status).toBe(200);
}

async function screenshots(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), "commhub-screenshots");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

describe.skipIf(!browserAvailable())(
  "communication hub in the browser: labels, priority, bulk actions",
  () => {
    beforeAll(async () => {
      hub = await startHub({ GUPSHUP_WEBHOOK_SECRET: WEBHOOK_SECRET });
    }, 300_000);
    afterAll(async () => {
      await hub?.stop();
    });

    it("a label and a priority set in one browser appear live in another", async () => {
      const guest = { phone: "919845000171", name: "Label Guest" };
      await guestWrites(guest.phone, guest.name, "Can I get a late check-out?");
      const first = await signIn(hub, ADMIN, undefined, hub.url, { width: 1440, height: 900 });
      const second = await signIn(hub, ADMIN, undefined, hub.url, { width: 1440, height: 900 });
      await openThread(first, guest.name);
      await openThread(second, guest.name);

      await threadMenuAction(first, "Labels…");
      await first.getByLabel("New label").fill("Late check-out");
      await first.getByLabel("Colour").selectOption("teal");
      await first.getByRole("button", { name: "Add", exact: true }).click();
      await first.getByTestId("thread-labels").getByText("Late check-out").waitFor();
      await threadMenuAction(first, "Priority…");
      await first.getByTestId("thread-priority").selectOption("urgent");

      // The other browser did nothing: the change reaches it as realtime events.
      await second.getByTestId("thread-labels").getByText("Late check-out").waitFor();
      await second
        .locator(".thread-header")
        .getByTestId("priority-badge")
        .filter({ hasText: "Urgent" })
        .waitFor();
      const row = second.locator("[data-thread-id]").filter({ hasText: guest.name });
      await row.getByTestId("label-chip").filter({ hasText: "Late check-out" }).waitFor();
      await row.getByTestId("priority-badge").filter({ hasText: "Urgent" }).waitFor();
      const timeline = second.getByRole("log", { name: "Conversation timeline" });
      await timeline.getByText(/added the label Late check-out/).waitFor();
      await timeline.getByText(/set priority to urgent/).waitFor();

      // The inbox filters by label and by priority.
      await second.getByLabel("Label", { exact: true }).selectOption({ label: "Late check-out" });
      await expect.poll(() => second.locator("[data-thread-id]").count(), LIVE).toBe(1);
      await second.getByLabel("Label", { exact: true }).selectOption("");
      await second.getByLabel("Priority", { exact: true }).first().selectOption("high,urgent");
      await expect.poll(() => second.locator("[data-thread-id]").count(), LIVE).toBe(1);

      await first.getByTestId("thread-labels").click();
      await expectNoSeriousA11yViolations(first, "thread with labels and priority");
      await screenshots(first, "labels-thread-1440");
      await first.context().close();
      await second.context().close();
    }, 300_000);

    it("resolves 50 conversations in one bulk action from ticked rows", async () => {
      const names = Array.from({ length: 50 }, (_, i) => `Bulk Guest ${String(i + 1).padStart(2, "0")}`);
      for (const [i, name] of names.entries())
        await guestWrites(`9198450012${String(i).padStart(2, "0")}`, name, `Question ${i + 1}`);
      const page = await signIn(hub, ADMIN, undefined, hub.url, { width: 1440, height: 900 });
      await page.getByLabel("Search threads").fill("Bulk Guest");
      await page.getByLabel("Search threads").press("Enter");
      const rows = page.locator("[data-thread-id]");
      await expect
        .poll(
          async () =>
            (
              (await (
                await page.request.get(`${hub.url}/api/threads?limit=100&search=Bulk%20Guest&status=OPEN`)
              ).json()) as {
                threads: unknown[];
              }
            ).threads.length,
          { timeout: 400_000, interval: 2_000 },
        )
        .toBe(50);
      await expect.poll(() => rows.first().textContent(), LIVE).toContain("Bulk Guest 50");
      // The search is applied (its rows say why they matched): ticks made before that would be cleared
      // by it, as a new filter starts afresh.
      await rows.first().getByTestId("search-match").waitFor();

      // A tick, a shift-click range, and `x` on the focused row.
      const checks = page.getByTestId("row-check");
      await checks.nth(0).click();
      await checks.nth(4).click({ modifiers: ["Shift"] });
      await page.getByText("5 selected").waitFor();
      await rows.nth(6).focus();
      await page.keyboard.press("x");
      await page.getByText("6 selected").waitFor();
      await expectNoSeriousA11yViolations(page, "inbox with ticked rows");
      await screenshots(page, "bulk-inbox-1440");

      // Across pages: every thread matching the filter, not only the rows ticked.
      await page.getByRole("button", { name: "Select all matching" }).click();
      await page.getByText("All matching conversations selected").waitFor();
      await page
        .getByRole("region", { name: "Bulk actions" })
        .getByRole("button", { name: "Resolve" })
        .click();
      await page.getByTestId("bulk-outcome").filter({ hasText: "50 resolved" }).waitFor();
      // A search covers every status, so the resolved rows stay listed: none is open any more.
      await expect
        .poll(
          async () =>
            (
              (await (
                await page.request.get(`${hub.url}/api/threads?limit=100&search=Bulk%20Guest&status=OPEN`)
              ).json()) as { threads: unknown[] }
            ).threads.length,
          LIVE,
        )
        .toBe(0);
      const resolved = (await (
        await page.request.get(`${hub.url}/api/threads?limit=100&search=Bulk%20Guest&status=RESOLVED`)
      ).json()) as { threads: unknown[] };
      expect(resolved.threads).toHaveLength(50);
      await page.context().close();
    }, 900_000);

    it("on a phone, rows can be ticked and acted on without sideways scrolling", async () => {
      const page = await signIn(hub, ADMIN, undefined, hub.url, PHONE);
      await page.getByLabel("Search threads").fill("Label Guest");
      await expect.poll(() => page.locator("[data-thread-id]").count(), LIVE).toBe(1);
      await page.getByTestId("row-check").first().tap();
      await page.getByText("1 selected").waitFor();
      const box = await page.getByTestId("row-check").first().boundingBox();
      expect(box?.width ?? 0).toBeGreaterThanOrEqual(22);
      await page.getByLabel("Priority of selected").selectOption("low");
      await page.getByTestId("bulk-outcome").filter({ hasText: "1 updated" }).waitFor();
      await page
        .locator("[data-thread-id]")
        .getByTestId("priority-badge")
        .filter({ hasText: "Low" })
        .waitFor();
      expect(await scrollsSideways(page)).toBe(false);
      await expectNoSeriousA11yViolations(page, "phone inbox with bulk toolbar");
      await screenshots(page, "bulk-inbox-390");
      await page.context().close();
    }, 300_000);
  },
);
