import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
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

// Starting a conversation: a new number through the template flow (the simulator accepts and delivers
// it), the same guest found again by phone into the same thread, and Message guest from a booking.

let hub: Hub;
const RAVI = "ravi.goa@commhub.example";
const shoot = screenshotsTo(process.env.NEW_CONVERSATION_SCREENSHOTS);

type Requests = { requests: { kind: string; destination?: string }[] };
const templatesTo = async (destination: string) =>
  ((await hub.simulator("/simulator/requests")) as Requests).requests.filter(
    (r) => r.kind === "template" && r.destination === destination,
  ).length;

const openedThreadId = (page: Page) => Number(new URL(page.url()).searchParams.get("thread"));

describe.skipIf(!browserAvailable())("communication hub in the browser: new conversation", () => {
  beforeAll(async () => {
    hub = await startHub();
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("a new number, typed without its country code, gets a thread in the agent's property and a delivered template", async () => {
    const page = await signIn(hub, RAVI, undefined, undefined, DESKTOP);
    await page.getByRole("button", { name: "New conversation" }).click();
    const dialog = page.getByRole("dialog", { name: "New conversation" });
    // Ravi belongs to Goa only: the only property offered.
    await expect
      .poll(() => dialog.getByLabel("Property").locator("option").allInnerTexts())
      .toEqual(["Pod & Beyond Goa"]);
    await dialog.getByText("New number").click();
    expect(await dialog.getByLabel("Country").inputValue()).toBe("IN");
    await dialog.getByLabel("Phone number").fill("12");
    await dialog.getByText(/Not a phone number for this country/).waitFor();
    expect(await dialog.getByRole("button", { name: "Start conversation" }).isDisabled()).toBe(true);
    await dialog.getByLabel("Phone number").fill("098450 77777");
    await dialog.getByText("Will message +91 98450 77777").waitFor();
    await dialog.getByLabel("Name (optional)").fill("Zoya Khan");
    expect(await dialog.getByRole("radio", { name: "WhatsApp" }).isChecked()).toBe(true);
    await expectNoSeriousA11yViolations(page, "new conversation dialog (desktop)");
    await shoot(page, "new-conversation-desktop");
    await dialog.getByRole("button", { name: "Start conversation" }).click();

    // The thread opens, and without a WhatsApp window the composer is already the template flow.
    await page.getByRole("heading", { name: "Zoya Khan" }).waitFor();
    const threadId = openedThreadId(page);
    expect(threadId).toBeGreaterThan(0);
    await page.getByTestId("window-closed-reason").waitFor();
    const picker = page.getByTestId("template-picker");
    await picker.locator("option", { hasText: "booking_confirmation" }).waitFor({ state: "attached" });
    const options = await picker.locator("select option").allInnerTexts();
    await picker
      .locator("select")
      .selectOption({ index: options.findIndex((o) => o.startsWith("booking_confirmation")) });
    const stamp = `${Date.now()}`;
    for (const [i, value] of ["Zoya", "GOA-NEW", "Pod & Beyond Goa", stamp].entries())
      await page.getByLabel(`Template parameter ${i + 1}`).fill(value);
    await page.getByRole("button", { name: "Send template" }).click();
    await page
      .getByTestId("message")
      .filter({ hasText: stamp })
      .locator('[data-status="DELIVERED"], [data-status="READ"]')
      .waitFor({ timeout: 90_000 });
    expect(await templatesTo("919845077777")).toBe(1);
    await page
      .getByTestId("thread-list")
      .getByRole("button", { name: /^Zoya Khan/ })
      .waitFor();
    await shoot(page, "new-conversation-thread-desktop");

    // Found again by her number in another format: the same thread, not a second one.
    await page.getByRole("button", { name: "New conversation" }).click();
    await dialog.getByLabel("Name, phone, email or booking reference").fill("+91 98450-77777");
    await dialog
      .getByRole("list", { name: "Guests found" })
      .getByRole("button", { name: /Zoya Khan/ })
      .click();
    await dialog.getByTestId("chosen-guest").waitFor();
    await dialog.getByRole("button", { name: "Start conversation" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(openedThreadId(page)).toBe(threadId);
    expect(
      await page
        .getByTestId("thread-list")
        .getByRole("button", { name: /^Zoya Khan/ })
        .count(),
    ).toBe(1);
    await page.context().close();
  }, 300_000);

  it("on a phone: the dialog fits, and Message guest from a booking opens that guest's thread on SMS", async () => {
    const page = await signIn(hub, RAVI, undefined, undefined, PHONE);
    await page.getByRole("button", { name: "New conversation" }).click();
    const dialog = page.getByRole("dialog", { name: "New conversation" });
    await dialog.getByLabel("Name, phone, email or booking reference").fill("demo-1013");
    await dialog
      .getByRole("list", { name: "Guests found" })
      .getByRole("button", { name: /Aditya Jain/ })
      .waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoSeriousA11yViolations(page, "new conversation dialog (phone)");
    await shoot(page, "new-conversation-phone");
    await dialog.getByText("New number").click();
    await dialog.getByLabel("Phone number").fill("98450 66666");
    expect(await scrollsSideways(page)).toBe(false);
    await shoot(page, "new-conversation-number-phone");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    // Rohan Gupta is arriving (demo booking at Goa): Message guest from his booking, on SMS.
    await page.getByRole("button", { name: /^Rohan Gupta/ }).click();
    await page.getByRole("heading", { name: "Rohan Gupta" }).waitFor();
    const threadId = openedThreadId(page);
    await page.getByRole("button", { name: "Details" }).click();
    await page
      .getByRole("dialog", { name: "Guest details" })
      .getByRole("button", { name: "Message guest" })
      .click();
    await dialog.getByTestId("new-conversation-booking").filter({ hasText: "DEMO-1003" }).waitFor();
    await dialog.getByText("SMS", { exact: true }).click();
    await shoot(page, "new-conversation-booking-phone");
    await dialog.getByRole("button", { name: "Start conversation" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => new URL(page.url()).searchParams.get("channel")).toBe("SMS");
    expect(openedThreadId(page)).toBe(threadId);
    await page.locator("#composer-input").waitFor();
    expect(await page.getByRole("radio", { name: "SMS" }).isChecked()).toBe(true);
    expect(await scrollsSideways(page)).toBe(false);
    await page.context().close();
  }, 300_000);
});
