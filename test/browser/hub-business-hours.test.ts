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

// An admin gives the demo's default property (where the simulator's guests write) business hours that
// leave it closed now and an out-of-hours reply; a guest's WhatsApp message then gets that reply, sent
// by the hub and shown in the thread as automatic. BUSINESS_HOURS_SHOTS=dir keeps screenshots.

let hub: Hub;
const PROPERTY = "Pod & Beyond Goa";
const GUEST = "919811777001";
const NAME = "Olivia Night";
const REPLY = "Our front desk is closed right now; we answer from 9 am.";
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const shoot = screenshotsTo(process.env.BUSINESS_HOURS_SHOTS);

/** A weekday three days from today in Kolkata: hours only then leave the property closed now. */
function anotherDay(): string {
  const today = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Kolkata", weekday: "long" }).format(
    new Date(),
  );
  return DAYS[(DAYS.indexOf(today) + 3) % 7] ?? "Sunday";
}

describe.skipIf(!browserAvailable())(
  "communication hub in the browser: business hours and auto-reply",
  () => {
    beforeAll(async () => {
      hub = await startHub();
    }, 300_000);
    afterAll(async () => {
      await hub?.stop();
    });

    it("sends the out-of-hours reply to a guest who writes while the property is closed, shown as automatic", async () => {
      const page = await signIn(hub, ADMIN, undefined, hub.url, DESKTOP);
      await page.goto(`${hub.url}/admin/properties`);
      const section = page.getByRole("group", {
        name: `Business hours and automatic replies of ${PROPERTY}`,
      });
      await section.getByText("Business hours & auto-reply").click();
      const form = section.getByRole("form", { name: `Business hours of ${PROPERTY}` });
      await form.getByTestId("hours-open-now").filter({ hasText: "Open around the clock." }).waitFor();

      await form.getByLabel("Keep business hours").check();
      const day = anotherDay();
      await form.getByRole("button", { name: `Add hours on ${day}` }).click();
      await form.getByLabel(`${day} opens`).fill("09:00");
      await form.getByLabel(`${day} closes`).fill("17:00");
      await form.getByRole("button", { name: "Add closure" }).click();
      await form.getByLabel("Closed on (closure 1)").fill("2030-12-25");
      await form.getByLabel("Label (closure 1)").fill("Christmas");
      await form.getByLabel("Reply automatically when a guest writes while the property is closed").check();
      await form.getByLabel(/^Reply text/).fill(REPLY);
      await form.getByRole("button", { name: "Save hours and replies" }).click();
      await form.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      await form.getByTestId("hours-open-now").filter({ hasText: "Closed now." }).waitFor();
      await shoot(page, "business-hours-1440");
      await expectNoSeriousA11yViolations(page, "business hours & auto-reply");

      const small = await signIn(hub, ADMIN, undefined, hub.url, PHONE);
      await small.goto(`${hub.url}/admin/properties`);
      const phoneSection = small.getByRole("group", {
        name: `Business hours and automatic replies of ${PROPERTY}`,
      });
      await phoneSection.getByText("Business hours & auto-reply").click();
      await phoneSection.getByLabel(`${day} opens`).waitFor();
      await shoot(small, "business-hours-390");
      expect(await scrollsSideways(small)).toBe(false);
      await small.context().close();

      await hub.simulator("/simulator/inbound", {
        from: GUEST,
        name: NAME,
        text: "Anyone awake? We land at 2 am.",
      });
      await page.goto(`${hub.url}/`);
      await openThread(page, NAME);
      const timeline = page.getByRole("log", { name: "Conversation timeline" });
      const reply = timeline.getByTestId("message").filter({ hasText: REPLY });
      await reply.waitFor();
      expect(await reply.getByTestId("message-sender").textContent()).toBe("automatic");
      expect(await timeline.getByTestId("message").filter({ hasText: REPLY }).count()).toBe(1);
    });
  },
);
