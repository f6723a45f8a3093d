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
  recordNotifications,
  signIn,
  startHub,
  threadMenuAction,
} from "./hub-harness";

// A desk that lives in the hub all day: each person's own unread, the tab title and desktop
// notifications for a guest writing, and search by booking reference across statuses. Guests write
// through the Gupshup simulator over real HTTP.

let hub: Hub;
const RAVI = "ravi.goa@commhub.example";
const MEERA = "meera.goa@commhub.example";
const MANOJ = "manager.goa@commhub.example";

async function screenshots(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), "commhub-screenshots");
  mkdirSync(dir, { recursive: true });
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width > 1000 ? 900 : 844 });
    await expectNoSeriousA11yViolations(page, `${name} at ${width}px`);
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const row = (page: Page, name: string) => page.getByRole("button", { name: new RegExp(`^${name}`) });
const unreadBadge = (page: Page, name: string) => row(page, name).getByTestId("unread-count");

describe.skipIf(!browserAvailable())(
  "communication hub in the browser: a desk's own unread, notifications, search",
  () => {
    beforeAll(async () => {
      hub = await startHub();
    }, 300_000);
    afterAll(async () => {
      await hub?.stop();
    });

    it("two staff members keep separate unread counts; mark as unread is per person", async () => {
      const ravi = await signIn(hub, RAVI);
      const meera = await signIn(hub, MEERA);
      const guest = "Farah Khan";
      await hub.simulator("/simulator/inbound", {
        from: "919845011101",
        name: guest,
        text: "Is the pool open?",
      });
      await hub.simulator("/simulator/inbound", {
        from: "919845011101",
        name: guest,
        text: "And until when?",
      });
      await expect.poll(() => unreadBadge(ravi, guest).textContent()).toMatch(/^2/);
      await expect.poll(() => unreadBadge(meera, guest).textContent()).toMatch(/^2/);

      await openThread(ravi, guest);
      // Shown for a moment, it is read for Ravi only.
      await unreadBadge(ravi, guest).waitFor({ state: "detached" });
      await meera.reload();
      await row(meera, guest).waitFor();
      expect(await unreadBadge(meera, guest).textContent()).toMatch(/^2/);

      await screenshots(ravi, "desk-thread-mark-unread");
      await threadMenuAction(ravi, "Mark as unread");
      await ravi.getByRole("heading", { name: "No conversation open" }).waitFor();
      await expect.poll(() => unreadBadge(ravi, guest).textContent()).toMatch(/^1/);
      await ravi.getByLabel("Unread").check();
      await row(ravi, guest).waitFor();
      expect(await unreadBadge(meera, guest).textContent()).toMatch(/^2/);
      await ravi.context().close();
      await meera.context().close();
    }, 300_000);

    it("the tab title counts my unread threads and a guest message raises a desktop notification without its text", async () => {
      const page = await signIn(hub, MANOJ);
      const context = page.context();
      await context.grantPermissions(["notifications"], { origin: hub.url });
      // Records each notification; the browser's own constructor still runs.
      await recordNotifications(context);
      await page.reload();
      await page.getByTestId("live-badge").filter({ hasText: "Live" }).waitFor();

      await page.getByRole("button", { name: "Notifications" }).click();
      const dialog = page.getByRole("dialog", { name: "Notifications" });
      await dialog.getByRole("button", { name: "Turn on desktop notifications" }).click();
      await dialog.getByText("Desktop notifications are on.").waitFor();
      expect(await dialog.getByLabel(/Show the message text/).isChecked()).toBe(false);
      await screenshots(page, "desk-notification-settings");
      await page.keyboard.press("Escape");

      // A guest whose thread is the manager's (whoever the round robin picked, he takes it: agents may not).
      const guest = "Gita Iyer";
      await hub.simulator("/simulator/inbound", { from: "919845011102", name: guest, text: "Hello" });
      await row(page, guest).waitFor();
      await openThread(page, guest);
      // Read once it has been on screen for a moment.
      await unreadBadge(page, guest).waitFor({ state: "detached" });
      await page.locator(".thread-header").getByRole("button", { name: "More actions" }).click();
      const takeIt = page.getByRole("menuitem", { name: "Assign to me" });
      if (await takeIt.isVisible()) await takeIt.click();
      else await page.keyboard.press("Escape");
      await page.locator(".thread-subtitle").filter({ hasText: "Manoj" }).waitFor();
      await page.goto(`${hub.url}/admin/communication-hub`);
      await page.getByTestId("live-badge").filter({ hasText: "Live" }).waitFor();
      await row(page, guest).waitFor();
      expect(await unreadBadge(page, guest).count()).toBe(0);
      const summary = (await page.evaluate("fetch('/api/threads/unread-summary').then((r) => r.json())")) as {
        unreadThreads: number;
      };
      const before = summary.unreadThreads;
      await expect
        .poll(() => page.title())
        .toBe(before > 0 ? `(${before}) Inbox · commhub` : "Inbox · commhub");

      await hub.simulator("/simulator/inbound", {
        from: "919845011102",
        name: guest,
        text: "My room code is 4417, please hold it",
      });
      await expect.poll(() => page.title()).toBe(`(${before + 1}) Inbox · commhub`);
      await expect
        .poll(() => page.evaluate("window.__notifications"))
        .toContainEqual({ title: `${guest} · Pod & Beyond Goa`, body: "New message" });
      const all = (await page.evaluate("window.__notifications")) as Array<{ title: string; body?: string }>;
      expect(all.some((n) => n.body?.includes("4417"))).toBe(false);
      await context.close();
    }, 300_000);

    it("a booking reference finds its resolved thread; a narrowed empty search offers to widen", async () => {
      const page = await signIn(hub, ADMIN);
      // Guest 4 of the demo is staying now (booking DEMO-1005 at Goa): their message joins that booking.
      await hub.simulator("/simulator/inbound", {
        from: "919845000004",
        text: "Checking out tomorrow at 11",
      });
      const thread = page.getByRole("button", { name: /Checking out tomorrow at 11/ });
      await thread.click();
      const header = page.locator(".thread-header");
      const reference = /DEMO-\d+/.exec((await header.textContent()) ?? "")?.[0];
      expect(reference).toBeDefined();
      await page.getByRole("button", { name: "Resolve" }).click();
      await page.getByTestId("thread-status").filter({ hasText: "resolved" }).waitFor();
      await page.goto(`${hub.url}/admin/communication-hub`);
      await page.getByTestId("thread-list").waitFor();

      await page.getByLabel("Search threads").fill(reference?.toLowerCase() ?? "");
      const match = page.getByTestId("search-match").filter({ hasText: `booking ${reference}` });
      await match.waitFor();
      expect(await page.getByLabel("Status").inputValue()).toBe("all");
      await screenshots(page, "desk-search-booking");

      await page.getByLabel("Status").selectOption("open");
      const widen = page.getByRole("button", { name: "Search all statuses and properties" });
      await widen.waitFor();
      await widen.click();
      await match.waitFor();
      await page.context().close();
    }, 300_000);
  },
);
