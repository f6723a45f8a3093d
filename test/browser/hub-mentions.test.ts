import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserAvailable,
  expectNoSeriousA11yViolations,
  type Hub,
  openThread,
  PHONE,
  recordNotifications,
  screenshotsTo,
  scrollsSideways,
  signIn,
  startHub,
} from "./hub-harness";

// `@name` in a private note: Ravi mentions Meera; Meera's browser (another session) shows a desktop
// notification naming who and where, and her "Mentions" filter lists the thread. A guest writes through
// the simulator over real HTTP.

let hub: Hub;
const RAVI = "ravi.goa@commhub.example";
const MEERA = "meera.goa@commhub.example";
const GUEST = { phone: "919845011401", name: "Mention Guest" };
const lookAt = screenshotsTo(process.env.SCREENSHOT_DIR);

/** Turns desktop notifications on for the page's person and records each one the page creates. */
async function turnOnRecordedNotifications(page: Page, url: string): Promise<void> {
  const context = page.context();
  await context.grantPermissions(["notifications"], { origin: url });
  await recordNotifications(context);
  await page.reload();
  await page.getByTestId("live-badge").filter({ hasText: "Live" }).waitFor();
  await page.getByRole("button", { name: "Notifications" }).click();
  const dialog = page.getByRole("dialog", { name: "Notifications" });
  const turnOn = dialog.getByRole("button", { name: "Turn on desktop notifications" });
  if (await turnOn.isVisible()) await turnOn.click();
  await dialog.getByText("Desktop notifications are on.").waitFor();
  await page.keyboard.press("Escape");
}

describe.skipIf(!browserAvailable())("mentions in private notes", () => {
  beforeAll(async () => {
    hub = await startHub();
    await hub.simulator("/simulator/inbound", {
      from: GUEST.phone,
      name: GUEST.name,
      text: "The shower in my pod is cold",
    });
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("Ravi mentions Meera in a note: she is notified and finds it under Mentions", async () => {
    const meera = await signIn(hub, MEERA);
    await turnOnRecordedNotifications(meera, hub.url);
    const ravi = await signIn(hub, RAVI);
    await ravi.getByRole("button", { name: new RegExp(`^${GUEST.name}`) }).waitFor();
    await openThread(ravi, GUEST.name);

    await ravi.getByRole("tab", { name: "Private note" }).click();
    const box = ravi.locator("#note-input");
    await box.pressSequentially("Maintenance is on it. @Mee");
    const list = ravi.getByRole("listbox", { name: "Mention a colleague" });
    await list.getByRole("option", { name: /^Meera Nair/ }).waitFor();
    // Only Goa's colleagues are offered: nobody from Bengaluru.
    expect((await list.getByRole("option").allTextContents()).join(" ")).not.toMatch(/Sam Dsouza/);
    await expectNoSeriousA11yViolations(ravi, "the mention picker");
    await lookAt(ravi, "mentions-picker-1280");
    await box.press("Enter");
    await list.waitFor({ state: "detached" });
    await box.pressSequentially("please check back with her at 6.");
    expect(await box.inputValue()).toBe("Maintenance is on it. @Meera Nair please check back with her at 6.");
    await box.press("Control+Enter");
    const timeline = ravi.getByRole("log", { name: "Conversation timeline" });
    await timeline.getByText(/@Meera Nair please check back/).waitFor();
    expect(await box.inputValue()).toBe("");

    await expect
      .poll(() => meera.evaluate("window.__notifications"))
      .toContainEqual({
        title: "Ravi Kumar mentioned you",
        body: `In a note on ${GUEST.name} · Pod & Beyond Goa`,
      });
    const all = (await meera.evaluate("window.__notifications")) as Array<{ body?: string }>;
    expect(all.some((n) => n.body?.includes("Maintenance"))).toBe(false);

    await meera.getByLabel("Assignee").selectOption("mentions");
    const rows = meera.locator("[data-thread-id]");
    await rows.filter({ hasText: GUEST.name }).waitFor();
    expect(await rows.count()).toBe(1);
    // Ravi wrote the note and was not mentioned: his Mentions list is empty.
    await ravi.getByLabel("Assignee").first().selectOption("mentions");
    await expect.poll(() => ravi.locator("[data-thread-id]").count()).toBe(0);
    await ravi.context().close();

    await meera.setViewportSize(PHONE);
    expect(await scrollsSideways(meera)).toBe(false);
    await lookAt(meera, "mentions-filter-390");
    await meera.context().close();
  }, 300_000);

  it("on a phone the picker fits the screen and works by touch", async () => {
    const page = await signIn(hub, RAVI, undefined, hub.url, PHONE);
    await openThread(page, GUEST.name);
    await page.getByRole("tab", { name: "Private note" }).click();
    await page.locator("#note-input").pressSequentially("@me");
    await page.getByRole("option", { name: /^Meera Nair/ }).click();
    expect(await page.locator("#note-input").inputValue()).toBe("@Meera Nair ");
    expect(await scrollsSideways(page)).toBe(false);
    await lookAt(page, "mentions-picker-390");
    await page.context().close();
  }, 300_000);
});
