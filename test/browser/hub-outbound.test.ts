import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, browserAvailable, type Hub, openThread, signIn, startHub } from "./hub-harness";

// Replying from the browser through the real outbound API and the Gupshup simulator: ticks that move
// on the simulator's callbacks, the template flow when WhatsApp's window is closed, a Retry that
// sends exactly once where a resend can succeed, and Send as SMS where WhatsApp cannot reach the guest.

let hub: Hub;

type Requests = { requests: { kind: string; destination?: string; outcome: unknown }[] };
const sendsTo = async (destination: string) =>
  ((await hub.simulator("/simulator/requests")) as Requests).requests.filter(
    (r) => ["whatsapp", "template", "sms"].includes(r.kind) && r.destination === destination,
  ).length;

/** Types `text` in the open thread's composer and sends it. */
async function reply(page: Page, text: string): Promise<void> {
  await page.locator("#composer-input").fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
}

async function messageStatus(page: Page, text: string, statuses: string[]): Promise<void> {
  await page
    .getByTestId("message")
    .filter({ hasText: text })
    .locator(statuses.map((s) => `[data-status="${s}"]`).join(", "))
    .waitFor({ timeout: 90_000 });
}

describe.skipIf(!browserAvailable())("communication hub in the browser: replies", () => {
  beforeAll(async () => {
    hub = await startHub();
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("replies on WhatsApp and the ticks reach READ from the simulator's callbacks, without reload", async () => {
    const page = await signIn(hub, ADMIN);
    // The guest writes first, so WhatsApp's window is open at the (simulated) provider too.
    await hub.simulator("/simulator/inbound", { from: "919845000001", text: "Is the pool open?" });
    await openThread(page, "Priya Iyer");
    await page.getByRole("log", { name: "Conversation timeline" }).getByText("Is the pool open?").waitFor();
    await page.evaluate("window.stayedOnPage = true");
    const text = `Yes, until 10 pm. ${Date.now()}`;
    expect(await page.getByRole("radio", { name: "WhatsApp" }).isChecked()).toBe(true);
    await page.getByTestId("window-status").filter({ hasText: "Window closes in" }).waitFor();
    await reply(page, text);

    await messageStatus(page, text, ["READ"]);
    const ticks = page.getByTestId("message").filter({ hasText: text }).getByTestId("message-status");
    await ticks.hover();
    await expect
      .poll(() => ticks.getAttribute("title"), { timeout: 90_000 })
      .toMatch(/Sent [^(].*Delivered [^(].*Read [^(]/);
    expect(await page.locator("#composer-input").inputValue()).toBe("");
    expect(await page.evaluate("window.stayedOnPage")).toBe(true);
    await page.context().close();
  }, 240_000);

  it("with the window closed, forces the template flow, previews it, and the template send succeeds", async () => {
    const page = await signIn(hub, ADMIN);
    // Ananya Das has never written on WhatsApp: no window.
    await openThread(page, "Ananya Das");
    await page.getByTestId("window-closed-reason").filter({ hasText: "Only an approved template" }).waitFor();
    expect(await page.locator("#composer-input").count()).toBe(0);
    const picker = page.getByTestId("template-picker");
    // The server syncs templates from the provider after it starts; the picker asks until they are there.
    await picker.locator("option", { hasText: "booking_confirmation" }).waitFor({ state: "attached" });
    const options = await picker.locator("select option").allInnerTexts();
    const booking = options.findIndex((o) => o.startsWith("booking_confirmation"));
    expect(booking).toBeGreaterThan(0);
    await picker.locator("select").selectOption({ index: booking });
    const values = ["Ananya", "DEMO-1006", "Pod & Beyond Bengaluru", `${Date.now()}`];
    for (const [i, value] of values.entries())
      await page.getByLabel(`Template parameter ${i + 1}`).fill(value);
    const preview = await page.getByTestId("template-preview").textContent();
    expect(preview).toContain(
      `Hello Ananya, your booking DEMO-1006 at Pod & Beyond Bengaluru is confirmed for ${values[3]}`,
    );

    await page.getByRole("button", { name: "Send template" }).click();
    await messageStatus(page, values[3] ?? "", ["SENT", "DELIVERED", "READ"]);
    expect(await page.getByTestId("message").filter({ hasText: values[3] }).textContent()).toContain(
      "Template",
    );
    await page.context().close();
  }, 240_000);

  it("shows why a message failed with Gupshup's code, and Retry (offered for a passing error) sends it once", async () => {
    const page = await signIn(hub, ADMIN);
    // Rahul Verma wrote 20 minutes ago by the demo data; the simulated Gupshup knows it (its window is
    // open there too). It accepts the reply, then reports a passing failure: a resend can succeed.
    await hub.simulator("/simulator/knobs", { transientFailureNext: 1 });
    await openThread(page, "Rahul Verma");
    const text = `Our technician is on the way. ${Date.now()}`;
    await reply(page, text);
    await messageStatus(page, text, ["FAILED"]);
    const bubble = page.getByTestId("message").filter({ hasText: text });
    await bubble
      .getByTestId("failure-reason")
      .filter({ hasText: "temporary error (Gupshup 131000)" })
      .waitFor();

    const before = await sendsTo("919845000010");
    const retry = bubble.getByRole("button", { name: "Retry" });
    await retry.click();
    await bubble.getByRole("status").filter({ hasText: "Resent" }).waitFor();
    await messageStatus(page, text, ["SENT", "DELIVERED", "READ"]);
    // Sent once, and nothing left to click: the button went with the failure. (Checked after the
    // status moved: probing a button that is disappearing meanwhile waits for it in vain.)
    expect(await retry.count()).toBe(0);
    expect(await sendsTo("919845000010")).toBe(before + 1);
    await page.context().close();
  }, 240_000);

  it("a number not on WhatsApp (1002): the code shows, no Retry, the inbox marks the thread, and Send as SMS delivers", async () => {
    const page = await signIn(hub, ADMIN);
    await hub.simulator("/simulator/inbound", { from: "919845000001", text: "Can I check out late?" });
    await openThread(page, "Priya Iyer");
    await page
      .getByRole("log", { name: "Conversation timeline" })
      .getByText("Can I check out late?")
      .waitFor();
    await page.getByRole("button", { name: "Simulate guest" }).click();
    const drawer = page.getByRole("dialog", { name: "Simulate guest" });
    await drawer.getByRole("button", { name: "Next number not on WhatsApp" }).click();
    await drawer.getByText(/answer the next WhatsApp message with 1002/).waitFor();
    await page.keyboard.press("Escape");

    const text = `Until 2 pm is fine. ${Date.now()}`;
    await reply(page, text);
    await messageStatus(page, text, ["FAILED"]);
    const bubble = page
      .getByTestId("message")
      .filter({ hasText: text })
      .filter({ has: page.locator(".failure") });
    await bubble
      .getByTestId("failure-reason")
      .filter({ hasText: "Not delivered: number is not on WhatsApp (Gupshup 1002)" })
      .waitFor();
    expect(await bubble.getByRole("button", { name: "Retry" }).count()).toBe(0);
    await page.getByTestId("consent-whatsapp").filter({ hasText: "Not on WhatsApp" }).waitFor();
    const row = page.locator(".thread-row").filter({ hasText: "Priya Iyer" });
    await row.getByTestId("failed-marker").waitFor();

    const smsBefore = ((await hub.simulator("/simulator/requests")) as Requests).requests.filter(
      (r) => r.kind === "sms" && r.destination === "919845000001",
    ).length;
    await bubble.getByRole("button", { name: "Send as SMS" }).click();
    await bubble.getByRole("status").filter({ hasText: "Sent as SMS" }).waitFor();
    const sms = page
      .getByTestId("message")
      .filter({ hasText: text })
      .filter({ has: page.locator(".badge.channel-sms") });
    await sms.locator('[data-status="DELIVERED"], [data-status="READ"]').waitFor({ timeout: 90_000 });
    // Superseded by the delivered SMS: the inbox stops marking the thread.
    await row.getByTestId("failed-marker").waitFor({ state: "detached" });
    const smsAfter = ((await hub.simulator("/simulator/requests")) as Requests).requests.filter(
      (r) => r.kind === "sms" && r.destination === "919845000001",
    ).length;
    expect(smsAfter).toBe(smsBefore + 1);
    await page.context().close();
  }, 240_000);
});
