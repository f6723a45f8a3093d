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
  scrollsSideways,
  signIn,
  startHub,
} from "./hub-harness";

// The hub on a phone (one column at a time, nothing wider than the screen, 44 px touch targets) and for
// everyone: axe-core finds no serious or critical problem on any screen, and a reply can be written and
// sent with the keyboard alone.

let hub: Hub;

/** A guest writes in on WhatsApp (so the window is open): a fresh thread that no other test touches. */
async function newGuest(name: string, phone: string): Promise<string> {
  const text = `Hello from ${name}`;
  await hub.simulator("/simulator/inbound", { from: phone, name, text });
  return text;
}

async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
  expect(await scrollsSideways(page), `${screen} scrolls sideways`).toBe(false);
}

/** Every visible control in these parts of the page is at least 44 px tall and wide enough to hit. */
async function controlsTooSmall(page: Page, scope: string): Promise<string[]> {
  const controls = page.locator(
    `:is(${scope}) :is(button, select, input:not([type=checkbox]):not([type=radio]), textarea, summary, .check, .channel-picker label)`,
  );
  const small: string[] = [];
  for (const control of await controls.all()) {
    const box = await control.boundingBox();
    if (!box || !(await control.isVisible())) continue;
    if (box.height < 44 || box.width < 44)
      small.push(
        `${(await control.textContent())?.trim() || (await control.getAttribute("aria-label"))}: ${box.width}×${box.height}`,
      );
  }
  return small;
}

const focusedElement = (page: Page) =>
  page.evaluate(`(() => {
    const el = document.activeElement;
    return {
      id: el?.id ?? "",
      name: el?.getAttribute("name") ?? "",
      testId: el?.getAttribute("data-testid") ?? "",
      role: el?.getAttribute("role") ?? "",
      label: el?.getAttribute("aria-label") ?? "",
      text: (el?.textContent ?? "").slice(0, 80),
      outline: el ? getComputedStyle(el).outlineStyle : "none",
    };
  })()`) as Promise<{
    id: string;
    name: string;
    testId: string;
    role: string;
    label: string;
    text: string;
    outline: string;
  }>;

/** Presses Tab until `done` says so; fails after `max` presses, and reports each element passed on the way. */
async function tabUntil(
  page: Page,
  done: (focused: Awaited<ReturnType<typeof focusedElement>>) => boolean,
  max = 40,
  key = "Tab",
): Promise<Awaited<ReturnType<typeof focusedElement>>[]> {
  const passed: Awaited<ReturnType<typeof focusedElement>>[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const focused = await focusedElement(page);
    passed.push(focused);
    if (done(focused)) return passed;
  }
  throw new Error(`not reached after ${max} × ${key}; passed: ${JSON.stringify(passed.map((f) => f.text))}`);
}

describe.skipIf(!browserAvailable())(
  "communication hub in the browser: phone layout and accessibility",
  () => {
    beforeAll(async () => {
      hub = await startHub();
    }, 300_000);
    afterAll(async () => {
      await hub?.stop();
    });

    it.each([
      { viewport: PHONE, guest: "Pia Phone", phone: "919845100390", shown: "+91 98451 00390" },
      {
        viewport: { width: 360, height: 740 },
        guest: "Sam Small",
        phone: "919845100360",
        shown: "+91 98451 00360",
      },
    ])(
      "replies from a $viewport.width px phone: inbox, thread, details, reply delivered, back; never wider than the screen",
      async ({ viewport, guest, phone, shown }) => {
        const page = await signIn(hub, ADMIN, undefined, hub.url, viewport);
        const inbound = await newGuest(guest, phone);

        // The inbox alone, its controls big enough for a thumb; header actions (Log out too) in a menu.
        const row = page.getByRole("button", { name: new RegExp(`^${guest}`) });
        await row.waitFor();
        await expectNoSidewaysScroll(page, "the inbox");
        expect(await page.getByRole("button", { name: "Log out" }).isVisible()).toBe(false);
        await page.getByRole("button", { name: "Menu" }).click();
        const logOut = page.getByRole("button", { name: "Log out" });
        const box = await logOut.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= viewport.width).toBe(true);
        await page.keyboard.press("Escape");
        await logOut.waitFor({ state: "hidden" });
        expect(await controlsTooSmall(page, ".topbar, .inbox")).toEqual([]);

        // The thread replaces the inbox, with a way back.
        await row.click();
        await page.getByRole("heading", { name: guest }).waitFor();
        await page.getByRole("log", { name: "Conversation timeline" }).getByText(inbound).waitFor();
        expect(await page.getByTestId("thread-list").isVisible()).toBe(false);
        await expectNoSidewaysScroll(page, "the thread");
        expect(await controlsTooSmall(page, ".thread-header, .composer")).toEqual([]);

        // The guest's details as a sheet over the thread, closed with Escape.
        const details = page.getByRole("button", { name: "Details" });
        await details.click();
        const sheet = page.getByRole("dialog", { name: "Guest details" });
        await sheet.getByText(shown).first().waitFor();
        await expectNoSidewaysScroll(page, "the details sheet");
        await page.keyboard.press("Escape");
        await sheet.waitFor({ state: "hidden" });
        expect(await details.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

        // Reply with the on-screen keyboard up (it leaves about 440 px): the text and Send stay in view.
        const text = `Your room is ready, ${guest} (${viewport.width} px)`;
        await page.setViewportSize({ width: viewport.width, height: 440 });
        await page.locator("#composer-input").fill(text);
        const send = page.getByRole("button", { name: "Send", exact: true });
        for (const control of [page.locator("#composer-input"), send]) {
          const seen = await control.boundingBox();
          expect(seen && seen.y >= 0 && seen.y + seen.height <= 440).toBe(true);
        }
        await expectNoSidewaysScroll(page, "the thread with the keyboard up");
        await send.click();
        await page.setViewportSize(viewport);
        await page
          .getByTestId("message")
          .filter({ hasText: text })
          .locator('[data-status="DELIVERED"], [data-status="READ"]')
          .waitFor();
        await expectNoSidewaysScroll(page, "the thread after the reply");

        // Back to the inbox, focus on the row one came from.
        await page.getByRole("button", { name: "Back to Inbox" }).click();
        await page.getByTestId("thread-list").waitFor();
        expect(await page.getByRole("heading", { name: guest }).count()).toBe(0);
        // The virtualized list renders its rows a frame or two after it reappears; focus follows them.
        await expect.poll(() => row.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
        await row.getByText(text).waitFor();
        await expectNoSidewaysScroll(page, "the inbox after the reply");
        await page.context().close();
      },
      240_000,
    );

    it("keeps two columns on a tablet, the details as a sheet", async () => {
      const page = await signIn(hub, ADMIN, undefined, hub.url, { width: 900, height: 1000 });
      await openThread(page, "Priya Iyer");
      expect(await page.getByTestId("thread-list").isVisible()).toBe(true);
      expect(await page.getByRole("complementary", { name: "Guest details" }).count()).toBe(0);
      await page.getByRole("button", { name: "Details" }).click();
      await page.getByRole("dialog", { name: "Guest details" }).getByText("DEMO-1002").waitFor();
      await expectNoSidewaysScroll(page, "the tablet thread");
      await page.context().close();
    }, 240_000);

    it.each([
      { size: "desktop", viewport: DESKTOP },
      { size: "phone", viewport: PHONE },
    ])(
      "has no serious or critical axe-core violation on any screen ($size)",
      async ({ size, viewport }) => {
        const login = await (await hub.browser.newContext({ viewport })).newPage();
        await login.goto(`${hub.url}/`);
        await login.getByLabel("Email").waitFor();
        await expectNoSeriousA11yViolations(login, `the login page (${size})`);
        await login.context().close();

        const page = await signIn(hub, ADMIN, undefined, hub.url, viewport);
        const phone = viewport.width < 768;
        await page.getByRole("button", { name: /^Priya Iyer/ }).waitFor();
        await expectNoSeriousA11yViolations(page, `the inbox (${size})`);
        if (phone) {
          await page.getByRole("button", { name: "Menu" }).click();
          await expectNoSeriousA11yViolations(page, `the header menu (${size})`);
          await page.keyboard.press("Escape");
        }

        await openThread(page, "Priya Iyer");
        await page.getByText("Prefers an upper pod").waitFor();
        await page.getByTestId("message-status").first().waitFor();
        await expectNoSeriousA11yViolations(page, `a thread (${size})`);
        if (phone) {
          await page.getByRole("button", { name: "Details" }).click();
          await page.getByRole("dialog", { name: "Guest details" }).waitFor();
          await expectNoSeriousA11yViolations(page, `the guest details sheet (${size})`);
          await page.keyboard.press("Escape");
          await page.getByRole("button", { name: "Back to Inbox" }).click();
        }

        // Ananya has never written on WhatsApp: the composer is the template flow.
        await openThread(page, "Ananya Das");
        await page.getByTestId("template-picker").locator("select").selectOption({ index: 1 });
        await page.getByTestId("template-preview").waitFor();
        await expectNoSeriousA11yViolations(page, `the template composer (${size})`);

        if (phone) await page.getByRole("button", { name: "Menu" }).click();
        await page.getByRole("button", { name: "Simulate guest" }).click();
        await page.getByRole("dialog", { name: "Simulate guest" }).getByLabel("Guest's message").waitFor();
        await expectNoSeriousA11yViolations(page, `the simulate-guest drawer (${size})`);
        await page.context().close();
      },
      240_000,
    );

    it("signs in, opens a thread, replies and reads the tick history with the keyboard alone", async () => {
      const guest = "Kiran Keys";
      await newGuest(guest, "919845100777");
      const page = await (await hub.browser.newContext({ viewport: DESKTOP })).newPage();
      page.setDefaultTimeout(90_000);
      await page.goto(`${hub.url}/`);
      await page.getByLabel("Email").waitFor();
      await tabUntil(page, (f) => f.name === "email", 5);
      await page.keyboard.type(ADMIN);
      await page.keyboard.press("Tab");
      await page.keyboard.type(hub.passwords.get(ADMIN) ?? "");
      await page.keyboard.press("Enter");
      await page.getByTestId("live-badge").filter({ hasText: "Live" }).waitFor();
      await page.getByRole("button", { name: new RegExp(`^${guest}`) }).waitFor();

      // Tab to the guest's row (the focus is visible on the way), Enter opens the thread.
      const toRow = await tabUntil(page, (f) => f.text.includes(guest));
      expect(toRow.at(-1)?.outline).not.toBe("none");
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: guest }).waitFor();

      // Tab to the reply box: the conversation is one stop, not one per message.
      const toComposer = await tabUntil(page, (f) => f.id === "composer-input");
      expect(toComposer.filter((f) => f.testId === "message-status")).toEqual([]);
      expect(toComposer.filter((f) => f.role === "log")).toHaveLength(1);
      const text = `Typed and sent by keyboard ${Date.now()}`;
      await page.keyboard.type(text);
      await tabUntil(page, (f) => f.text === "Send", 3);
      await page.keyboard.press("Enter");
      const bubble = page.getByTestId("message").filter({ hasText: text });
      await bubble.locator('[data-status="DELIVERED"], [data-status="READ"]').waitFor();

      // Back to the conversation, and the arrow keys reach the newest message's tick history.
      await tabUntil(page, (f) => f.role === "log", 10, "Shift+Tab");
      await page.keyboard.press("End");
      const tick = await focusedElement(page);
      expect(tick.testId).toBe("message-status");
      expect(tick.label).toMatch(/^(DELIVERED|READ): Pending .* · Sent .* · Delivered /);
      expect(tick.outline).not.toBe("none");
      expect(
        await bubble.getByTestId("message-status").evaluate((el) => el === el.ownerDocument.activeElement),
      ).toBe(true);
      await page.keyboard.press("Escape");
      expect((await focusedElement(page)).role).toBe("log");
      await page.context().close();
    }, 240_000);
  },
);
