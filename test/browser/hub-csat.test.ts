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

// The demo hotels' staff work in Kolkata, and the browser here does too (hub-reports reads the same
// screen from a head office in London).
const STAFF_ZONE = "Asia/Kolkata";

// The satisfaction survey as staff and guest live it: an admin turns it on in Properties, resolves a
// conversation, the survey reaches the guest as a WhatsApp list (at the simulator), the guest taps a
// rating and adds a comment (through the simulator's control API, over the real webhook route), and
// the rating shows on the thread, which stays resolved, and on the Reports page.

let hub: Hub;
const GUEST = "919812300418";
const NAME = "Ines Ortega";
const shoot = screenshotsTo(process.env.CSAT_SCREENSHOTS);

type Requests = {
  requests: { kind: string; destination?: string; messageId?: string; fields: Record<string, string> }[];
};

async function surveySentTo(phone: string): Promise<{ messageId: string; rows: string[] } | undefined> {
  const { requests } = (await hub.simulator("/simulator/requests")) as Requests;
  for (const r of requests) {
    if (r.kind !== "whatsapp" || r.destination !== phone || !r.messageId) continue;
    const message = JSON.parse(r.fields.message ?? "{}");
    if (message.type === "list")
      return {
        messageId: r.messageId,
        rows: message.items.flatMap((s: { options: { title: string }[] }) => s.options.map((o) => o.title)),
      };
  }
  return undefined;
}

async function turnSurveysOn(page: Page): Promise<void> {
  await page.goto(`${hub.url}/admin/properties`);
  await page.getByRole("heading", { name: "Properties", level: 1 }).waitFor();
  const sections = page.locator("details.csat-settings");
  await sections.first().waitFor();
  const count = await sections.count();
  for (let i = 0; i < count; i++) {
    const section = sections.nth(i);
    await section.locator("summary").click();
    const form = section.getByRole("form");
    await form.getByLabel("Ask guests to rate 1–5 after their conversation is resolved").check();
    await form.getByLabel(/Delay in minutes/).fill("0");
    await form.getByRole("button", { name: "Save survey" }).click();
    await form.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    await section.locator("summary").getByText("on").waitFor();
  }
}

describe.skipIf(!browserAvailable())("guest satisfaction survey in the browser", () => {
  beforeAll(async () => {
    hub = await startHub();
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("resolving sends the survey; the guest's tap and comment show on the resolved thread and in reports", async () => {
    const page = await signIn(hub, ADMIN, undefined, hub.url, DESKTOP, STAFF_ZONE);
    await turnSurveysOn(page);
    await expectNoSeriousA11yViolations(page, "Properties with the survey sections open");
    await shoot(page, "csat-properties-1440");

    await page.goto(`${hub.url}/`);
    await page.getByTestId("thread-list").waitFor();
    await hub.simulator("/simulator/inbound", {
      from: GUEST,
      name: NAME,
      text: "Thank you for the airport pickup!",
    });
    await openThread(page, NAME);
    const timeline = page.getByRole("log", { name: "Conversation timeline" });
    await timeline.getByText("Thank you for the airport pickup!").waitFor();
    await page.getByRole("button", { name: "Resolve", exact: true }).click();
    await page.getByRole("button", { name: "Reopen", exact: true }).waitFor();

    await expect.poll(() => surveySentTo(GUEST), { timeout: 60_000 }).toBeTruthy();
    const survey = await surveySentTo(GUEST);
    expect(survey?.rows).toEqual(["5 - Excellent", "4 - Good", "3 - Okay", "2 - Poor", "1 - Very poor"]);
    await timeline.getByText("Satisfaction survey sent on WhatsApp").waitFor();

    const tapped = await hub.simulator("/simulator/inbound", {
      from: GUEST,
      name: NAME,
      choice: { messageId: survey?.messageId, title: "4 - Good" },
    });
    expect(tapped).toMatchObject({ delivered: true });
    const rating = timeline.getByTestId("csat-rating");
    await rating.getByText("Guest rated 4/5").waitFor();
    await hub.simulator("/simulator/inbound", { from: GUEST, name: NAME, text: "The driver was lovely" });
    await rating.getByText("“The driver was lovely”").waitFor();
    // Answering the survey is not a new conversation: the thread is still resolved.
    await page.getByRole("button", { name: "Reopen", exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "Resolve", exact: true }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page, "a thread with a rating");
    await shoot(page, "csat-thread-1440");
    const threadUrl = page.url();

    await page.getByRole("link", { name: "Reports" }).click();
    await page.getByRole("heading", { name: "Guest satisfaction" }).waitFor();
    await expect.poll(() => page.getByTestId("csat-responses").textContent()).toBe("1");
    expect(await page.getByTestId("csat-average").textContent()).toBe("4.00 / 5");
    await page.getByRole("img", { name: "Guest ratings from 1 (very poor) to 5 (excellent)" }).waitFor();
    await shoot(page, "csat-reports-1440");

    const phone = await signIn(hub, ADMIN, undefined, hub.url, PHONE, STAFF_ZONE);
    // Resolved threads are not in the inbox's default (open) list: go to it by its address.
    await phone.goto(threadUrl);
    await phone.getByTestId("csat-rating").getByText("Guest rated 4/5").waitFor();
    expect(await scrollsSideways(phone)).toBe(false);
    await shoot(phone, "csat-thread-390");
    await phone.goto(`${hub.url}/admin/properties`);
    await phone.locator("details.csat-settings summary").first().click();
    await phone.getByRole("button", { name: "Save survey" }).first().waitFor();
    expect(await scrollsSideways(phone)).toBe(false);
    await shoot(phone, "csat-properties-390");
    await phone.goto(`${hub.url}/admin/reports`);
    await phone.getByRole("heading", { name: "Guest satisfaction" }).waitFor();
    expect(await scrollsSideways(phone)).toBe(false);
    await shoot(phone, "csat-reports-390");
  }, 300_000);
});
