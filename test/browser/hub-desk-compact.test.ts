import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  browserAvailable,
  expectNoSeriousA11yViolations,
  type Hub,
  openThread,
  screenshotsTo,
  scrollsSideways,
  signIn,
  startHub,
} from "./hub-harness";

// A compact thread header: one line on a desk, two on a phone, and the secondary actions in one
// accessible "More actions" menu, so that the timeline keeps most of the height. Measured in Chromium
// on the real app with a guest writing through the simulator.

let hub: Hub;
const lookAt = screenshotsTo(process.env.SCREENSHOT_DIR);
const GUEST = { phone: "919845011301", name: "Compact Guest" };

const timelineHeight = async (page: Page) =>
  (await page.getByRole("log", { name: "Conversation timeline" }).boundingBox())?.height ?? 0;

describe.skipIf(!browserAvailable())("a compact thread header and composer", () => {
  beforeAll(async () => {
    hub = await startHub();
    await hub.simulator("/simulator/inbound", {
      from: GUEST.phone,
      name: GUEST.name,
      text: "Could we get a late check-out tomorrow?",
    });
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("keeps at least half of a 1280×720 window for the timeline, and 40% of a phone's", async () => {
    const page = await signIn(hub, ADMIN, undefined, hub.url, { width: 1280, height: 720 });
    await page.getByRole("button", { name: new RegExp(`^${GUEST.name}`) }).waitFor();
    await openThread(page, GUEST.name);
    await page.getByRole("button", { name: "Resolve" }).waitFor();
    expect(await timelineHeight(page)).toBeGreaterThanOrEqual(720 / 2);
    expect(await scrollsSideways(page)).toBe(false);
    await lookAt(page, "compact-1280x720");

    // The template form is the composer at its tallest: it scrolls inside, Send stays in view.
    await page.getByRole("button", { name: "Use a template" }).click();
    const picker = page.getByTestId("template-picker");
    await picker.locator("option", { hasText: "booking_confirmation" }).waitFor({ state: "attached" });
    const names = await picker.locator("select option").allInnerTexts();
    await picker
      .locator("select")
      .selectOption({ index: names.findIndex((o) => o.startsWith("booking_confirmation")) });
    await picker.getByTestId("template-preview").waitFor();
    expect(await timelineHeight(page)).toBeGreaterThanOrEqual(720 / 2);
    const send = await page.getByRole("button", { name: "Send template" }).boundingBox();
    expect(send && send.y + send.height <= 720).toBe(true);
    await lookAt(page, "compact-1280x720-template");
    await page.getByRole("button", { name: "Write free text" }).click();

    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await timelineHeight(page)).toBeGreaterThanOrEqual(900 / 2);
    expect(await scrollsSideways(page)).toBe(false);
    await lookAt(page, "compact-1440x900");

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: "Back to Inbox" }).waitFor();
    // The header wrapped to four rows here before and left the timeline about 170 px.
    expect(await timelineHeight(page)).toBeGreaterThanOrEqual(844 * 0.4);
    expect(await scrollsSideways(page)).toBe(false);
    // Resolve and the menu stay in reach on the phone.
    await page.getByRole("button", { name: "Resolve" }).waitFor();
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menu", { name: "More actions" }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoSeriousA11yViolations(page, "the More actions menu on a phone");
    await lookAt(page, "compact-390-menu");
    await page.context().close();
  }, 300_000);

  it("the More actions menu works from the keyboard: arrows, Escape, a panel that gives focus back", async () => {
    const page = await signIn(hub, ADMIN, undefined, hub.url, { width: 1280, height: 720 });
    await page.getByRole("button", { name: new RegExp(`^${GUEST.name}`) }).waitFor();
    await openThread(page, GUEST.name);
    const more = page.getByRole("button", { name: "More actions" });
    expect(await more.getAttribute("aria-haspopup")).toBe("menu");
    expect(await more.getAttribute("aria-expanded")).toBe("false");

    await more.focus();
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu", { name: "More actions" });
    await menu.waitFor();
    expect(await more.getAttribute("aria-expanded")).toBe("true");
    const focused = () => page.evaluate("document.activeElement?.textContent ?? ''") as Promise<string>;
    const labels = await menu.getByRole("menuitem").allTextContents();
    expect(labels).toEqual(expect.arrayContaining(["Snooze…", "Labels…", "Priority…", "Mark as unread"]));
    expect(await focused()).toBe(labels[0]);
    await page.keyboard.press("ArrowDown");
    expect(await focused()).toBe(labels[1]);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    expect(await focused()).toBe(labels.at(-1));
    await page.keyboard.press("Home");
    expect(await focused()).toBe(labels[0]);

    await page.keyboard.press("Escape");
    await menu.waitFor({ state: "detached" });
    expect(await more.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    // Escape closed the menu only: the thread is still open.
    await page.getByRole("heading", { name: GUEST.name }).waitFor();

    // A choice with a form opens a panel on its first field; Escape closes it and focus comes back.
    await page.keyboard.press("ArrowDown");
    await menu.waitFor();
    while ((await focused()) !== "Priority…") await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    const panel = page.getByRole("region", { name: "Priority" });
    const priority = panel.getByTestId("thread-priority");
    expect(await priority.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await priority.selectOption("high");
    await page.locator(".thread-header").getByTestId("priority-badge").filter({ hasText: "High" }).waitFor();
    await lookAt(page, "compact-priority-panel");
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    expect(await more.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await timelineHeight(page)).toBeGreaterThanOrEqual(720 / 2);
    await page.context().close();
  }, 300_000);
});
