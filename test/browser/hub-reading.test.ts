import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  browserAvailable,
  type Hub,
  openThread,
  signIn,
  startHub,
  threadMenuAction,
} from "./hub-harness";

// Reading a conversation all day: links and WhatsApp formatting in guest text, days cut at midnight
// on the property's clock (IST), the "new messages" pill, and snoozing to a preset. Guest messages
// arrive as Gupshup v2 webhooks over the real route, some with the provider's own timestamps.

let hub: Hub;
const WEBHOOK_SECRET = "hub-reading-webhook-secret-0123";
let sequence = 0;

/** A guest's WhatsApp text as Gupshup posts it; `at` is the provider's timestamp (default: now). */
async function guestWrites(from: string, name: string, text: string, at = new Date()): Promise<void> {
  sequence += 1;
  const res = await fetch(`${hub.url}/webhooks/gupshup`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${WEBHOOK_SECRET}` },
    body: JSON.stringify({
      app: "commhub",
      timestamp: at.getTime(),
      version: 2,
      type: "message",
      payload: {
        id: `reading-${Date.now()}-${sequence}`,
        source: from,
        type: "text",
        payload: { text },
        sender: { phone: from, name, country_code: "91", dial_code: from.slice(2) },
      },
    }),
  });
  expect(res.status).toBe(200);
}

const atBottom = (timeline: Locator) =>
  timeline.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 80);

async function screenshots(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), "commhub-screenshots");
  mkdirSync(dir, { recursive: true });
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width > 1000 ? 900 : 844 });
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(!browserAvailable())("communication hub in the browser: reading a conversation", () => {
  beforeAll(async () => {
    hub = await startHub({ GUPSHUP_WEBHOOK_SECRET: WEBHOOK_SECRET });
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("links and bold text, days cut at midnight IST, and the new-messages pill", async () => {
    const page = await signIn(hub, ADMIN);
    const guest = { phone: "919845000098", name: "Divya Menon" };
    // 23:50 IST on 1 Dec and 00:10 IST on 2 Dec: the same UTC day (18:20 and 18:40 UTC).
    await guestWrites(
      guest.phone,
      guest.name,
      "At the gate, is the *night desk* open? Map: https://maps.example.com/hotel?pin=1. Thanks",
      new Date("2026-12-01T18:20:00.000Z"),
    );
    await guestWrites(guest.phone, guest.name, "Still _outside_", new Date("2026-12-01T18:40:00.000Z"));
    await openThread(page, guest.name);
    const timeline = page.getByRole("log", { name: "Conversation timeline" });
    const first = timeline.getByTestId("message").filter({ hasText: "At the gate" });
    await first.waitFor();

    const link = first.getByRole("link", { name: "https://maps.example.com/hotel?pin=1" });
    expect(await link.getAttribute("href")).toBe("https://maps.example.com/hotel?pin=1");
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(await link.getAttribute("referrerpolicy")).toBe("no-referrer");
    expect(await first.locator("strong").textContent()).toBe("night desk");
    expect(await first.textContent()).not.toContain("*night desk*");
    expect(await timeline.locator("em").filter({ hasText: "outside" }).count()).toBe(1);
    // A guest's phone number reads the same everywhere: international and grouped.
    const panel = page.getByRole("complementary", { name: "Guest details" });
    expect(await panel.getByText("+91 98450 00098", { exact: true }).count()).toBe(1);

    const days = await timeline
      .getByTestId("day-divider")
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-day")));
    expect(days).toEqual(["2026-12-01", "2026-12-02"]);
    const entries = await timeline.evaluate((el) =>
      [...el.querySelectorAll('[data-testid="day-divider"], [data-testid="message"] time')].map((e) =>
        e.tagName === "TIME" ? e.textContent : `| ${e.getAttribute("data-day")}`,
      ),
    );
    expect(entries).toEqual(["| 2026-12-01", "23:50", "| 2026-12-02", "00:10"]);

    // Enough conversation to scroll: opening the thread lands on the newest message.
    for (let i = 1; i <= 14; i++) await guestWrites(guest.phone, guest.name, `Question number ${i}`);
    await timeline.getByText("Question number 14").waitFor();
    await page.reload();
    await page.getByTestId("live-badge").filter({ hasText: "Live" }).waitFor();
    await openThread(page, guest.name);
    await timeline.getByText("Question number 14").waitFor();
    await expect.poll(() => atBottom(timeline)).toBe(true);

    // Scrolled up to read, a new message does not pull the reader away: a pill offers it.
    const pill = timeline.getByRole("button", { name: "New messages ↓" });
    await timeline.evaluate((el) => {
      el.scrollTop = 0;
    });
    expect(await pill.count()).toBe(0);
    await guestWrites(guest.phone, guest.name, "And one more thing");
    await pill.waitFor();
    expect(await atBottom(timeline)).toBe(false);
    await screenshots(page, "reading-pill");
    await pill.click();
    await expect.poll(() => atBottom(timeline)).toBe(true);
    await pill.waitFor({ state: "detached" });
    await page.context().close();
  }, 300_000);

  it("snoozes to a preset on the property's clock and refuses a past time in words", async () => {
    const page = await signIn(hub, ADMIN);
    const guest = { phone: "919845000099", name: "Karan Shah" };
    await guestWrites(guest.phone, guest.name, "Can you call me tomorrow morning?");
    await openThread(page, guest.name);
    await threadMenuAction(page, "Snooze…");
    const popover = page.getByRole("region", { name: "Snooze until" });
    for (const label of ["1 hour", "Tomorrow, 9:00", "Next week, Monday 9:00"])
      await popover.getByRole("button", { name: label }).waitFor();

    await popover.getByLabel("Custom time (Asia/Kolkata)").fill("2020-01-01T09:00");
    await popover.getByRole("button", { name: "Snooze", exact: true }).click();
    expect(await popover.getByRole("alert").textContent()).toMatch(/^That time has already passed/);
    expect(await page.getByTestId("thread-status").textContent()).not.toMatch(/Snoozed/);
    await screenshots(page, "reading-snooze");

    await popover.getByRole("button", { name: "Tomorrow, 9:00" }).click();
    await page
      .getByTestId("thread-status")
      .filter({ hasText: /^Snoozed until .*, 09:00 \(Asia\/Kolkata\)$/ })
      .waitFor();
    await popover.getByRole("button", { name: "1 hour" }).waitFor({ state: "hidden" });
    const timeline = page.getByRole("log", { name: "Conversation timeline" });
    await timeline.getByText(/^Snoozed until .*, 09:00 \(Asia\/Kolkata\) by /).waitFor();
    await page.context().close();
  }, 300_000);
});
