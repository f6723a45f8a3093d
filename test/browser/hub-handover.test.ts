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
  threadMenuAction,
} from "./hub-harness";

// Handover and who-did-what: an agent hands a thread to a colleague from the thread header (the list
// comes from the thread, never from the admin-only staff API), replies under their own name, and an
// admin moves a thread to another property. Guests write through the Gupshup simulator over real HTTP.

let hub: Hub;
const RAVI = "ravi.goa@commhub.example";
const screenshots = screenshotsTo(process.env.SCREENSHOT_DIR);

/** Every 403 the page receives and every console error mentioning one, for asserting there are none. */
function recordForbidden(page: Page): string[] {
  const seen: string[] = [];
  page.on("response", (res) => {
    if (res.status() === 403) seen.push(`${res.request().method()} ${res.url()}`);
  });
  page.on("console", (msg) => {
    if (msg.type() === "error" && /403|forbidden/i.test(msg.text())) seen.push(`console: ${msg.text()}`);
  });
  return seen;
}

/** Looks at the open screen at desktop and phone widths: no serious a11y issue, no sideways scroll. */
async function lookAt(page: Page, name: string): Promise<void> {
  for (const [label, size] of [
    ["1440", DESKTOP],
    ["390", PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await expectNoSeriousA11yViolations(page, `${name} at ${label}px`);
    expect(await scrollsSideways(page), `${name} scrolls sideways at ${label}px`).toBe(false);
    await screenshots(page, `${name}-${label}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const timeline = (page: Page) => page.getByRole("log", { name: "Conversation timeline" });

describe.skipIf(!browserAvailable())("communication hub in the browser: handover and who did what", () => {
  beforeAll(async () => {
    hub = await startHub();
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("an agent transfers a thread to a colleague and replies under their own name, with no 403 anywhere", async () => {
    const page = await signIn(hub, RAVI);
    const forbidden = recordForbidden(page);
    const guest = "Kavya Shetty";
    await hub.simulator("/simulator/inbound", {
      from: "919845011201",
      name: guest,
      text: "Can I check in early?",
    });
    await page.getByRole("button", { name: new RegExp(`^${guest}`) }).waitFor();
    await openThread(page, guest);

    // Whoever the round robin picked, Ravi takes it first (agents may), then hands it to Meera.
    await page.getByRole("button", { name: "More actions" }).click();
    const assignToMe = page.getByRole("menuitem", { name: "Assign to me" });
    if (await assignToMe.isVisible()) {
      await assignToMe.click();
      await timeline(page)
        .getByText(/^(Taken by Ravi Kumar|Transferred from .* to Ravi Kumar by Ravi Kumar)$/)
        .waitFor();
    } else await page.keyboard.press("Escape");
    await threadMenuAction(page, "Assign to…");
    const assignee = page
      .getByRole("region", { name: `Conversation with ${guest}` })
      .getByRole("combobox", { name: "Assignee" });
    await assignee.locator("option", { hasText: "Meera Nair" }).waitFor({ state: "attached" });
    const options = await assignee.locator("option").allTextContents();
    // The colleagues of the property by name and availability: no emails, nobody from Bengaluru.
    const meera = options.find((o) => o.startsWith("Meera Nair"));
    expect(meera, "Meera is a colleague at Goa").toBeDefined();
    expect(options.some((o) => o.startsWith("Ravi Kumar (me)"))).toBe(true);
    expect(options.join(" ")).not.toMatch(/@|Sam Dsouza|Anita Admin/);
    await reply(page, "Yes, from 11:00.");
    const bubble = page.getByTestId("message").filter({ hasText: "Yes, from 11:00." });
    await expect.poll(() => bubble.getByTestId("message-sender").textContent()).toBe("Ravi Kumar");

    await assignee.selectOption({ label: meera ?? "" });
    await timeline(page).getByText("Transferred from Ravi Kumar to Meera Nair by Ravi Kumar").waitFor();
    await expect.poll(() => assignee.inputValue()).not.toBe("");
    await lookAt(page, "handover-agent");
    expect(forbidden).toEqual([]);
    await page.context().close();
  }, 300_000);

  it("an admin moves a thread to another property: the timeline says who, and Bengaluru deals it out", async () => {
    const page = await signIn(hub, ADMIN);
    const forbidden = recordForbidden(page);
    const guest = "Rohan Pai";
    await hub.simulator("/simulator/inbound", {
      from: "919845011202",
      name: guest,
      text: "Wrong hotel, sorry",
    });
    await page.getByRole("button", { name: new RegExp(`^${guest}`) }).waitFor();
    await openThread(page, guest);
    await threadMenuAction(page, "Move to…");
    const form = page.getByRole("form", { name: "Move to another property" });
    await lookAt(page, "handover-move-popover");
    const target = form.getByLabel("Property");
    const bengaluru = (await target.locator("option").allTextContents()).find((o) =>
      /Bengaluru|BLR/i.test(o),
    );
    expect(bengaluru, "the demo chain's second property").toBeDefined();
    await target.selectOption({ label: bengaluru ?? "" });
    await form.getByRole("button", { name: "Move" }).click();
    await timeline(page)
      .getByText(new RegExp(`^Moved from .* to ${bengaluru} by Anita Admin$`))
      .waitFor();
    // The header names the new property.
    await page
      .locator(".thread-title")
      .filter({ hasText: bengaluru ?? "" })
      .waitFor();
    expect(forbidden).toEqual([]);
    await page.context().close();
  }, 300_000);
});

async function reply(page: Page, text: string): Promise<void> {
  await page.locator("#composer-input").fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
}
