import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, browserAvailable, type Hub, openThread, signIn, startHub } from "./hub-harness";

// What a guest does with our messages, seen in the thread: a tapped template button (and the payload
// automations match on), a quoted reply, a foreign number kept as Gupshup sent it, and Meta's marketing
// stop in the contact panel. The guest acts through the simulator, over the real webhook route.

let hub: Hub;

const GUEST = "57123456789";
const NAME = "Camila Reyes";
type Requests = { requests: { kind: string; destination?: string; messageId?: string }[] };

/** Gupshup's id of the latest WhatsApp message we sent to the guest. */
async function lastSentTo(phone: string): Promise<string> {
  const { requests } = (await hub.simulator("/simulator/requests")) as Requests;
  const id = requests.filter((r) => r.kind === "whatsapp" && r.destination === phone).at(-1)?.messageId;
  if (!id) throw new Error(`nothing sent to ${phone}`);
  return id;
}

async function reply(page: Page, text: string): Promise<void> {
  await page.locator("#composer-input").fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page
    .getByTestId("message")
    .filter({ hasText: text })
    .locator('[data-status="SENT"], [data-status="DELIVERED"], [data-status="READ"]')
    .waitFor();
}

describe.skipIf(!browserAvailable())(
  "communication hub in the browser: taps, quotes, foreign numbers",
  () => {
    beforeAll(async () => {
      hub = await startHub();
    }, 300_000);
    afterAll(async () => {
      await hub?.stop();
    });

    it("shows a tapped button with its payload, a quoted reply, +57… as sent, and the marketing stop", async () => {
      const page = await signIn(hub, ADMIN);
      await hub.simulator("/simulator/inbound", { from: GUEST, name: NAME, text: "Hola, ¿hay parqueadero?" });
      await openThread(page, NAME);
      const timeline = page.getByRole("log", { name: "Conversation timeline" });
      await timeline.getByText("Hola, ¿hay parqueadero?").waitFor();
      const panel = page.getByRole("complementary", { name: "Guest details" });
      expect(await panel.getByText(`+${GUEST}`, { exact: true }).count()).toBe(1);

      await reply(page, "Sí. Please confirm your booking for tonight.");
      const confirmId = await lastSentTo(GUEST);
      await hub.simulator("/simulator/inbound", {
        from: GUEST,
        name: NAME,
        button: { title: "Confirm booking", payload: "confirm-booking-42" },
        replyTo: confirmId,
      });
      const tapped = timeline.getByTestId("message").filter({ has: page.getByTestId("tapped-reply") });
      await tapped.getByText("Confirm booking").waitFor();
      expect(await tapped.getByTestId("tapped-reply").textContent()).toMatch(/Tapped:\s*Confirm booking/);
      expect(await tapped.getByText("confirm-booking-42").count()).toBe(1);
      expect(await tapped.getByTestId("quoted-message").textContent()).toContain(
        "Please confirm your booking",
      );

      await reply(page, "Breakfast is from 7 to 10.");
      const breakfastId = await lastSentTo(GUEST);
      await hub.simulator("/simulator/inbound", {
        from: GUEST,
        name: NAME,
        text: "¿Y el desayuno es gratis?",
        replyTo: breakfastId,
      });
      const quoted = timeline.getByTestId("message").filter({ hasText: "¿Y el desayuno es gratis?" });
      await quoted.waitFor();
      expect(await quoted.getByTestId("quoted-message").textContent()).toContain(
        "Breakfast is from 7 to 10.",
      );

      const marketing = panel.getByTestId("consent-marketing");
      expect(await marketing.textContent()).toBe("May message");
      await hub.simulator("/simulator/user-event", { phone: GUEST, type: "marketing-stop" });
      await marketing.filter({ hasText: /^Stopped/ }).waitFor();
      expect(await panel.getByTestId("consent-whatsapp").textContent()).toBe("May message");

      const dir = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), "commhub-screenshots");
      mkdirSync(dir, { recursive: true });
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: width > 1000 ? 900 : 844 });
        await tapped.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(dir, `guest-replies-${width}.png`) });
      }
      await page.context().close();
    }, 300_000);
  },
);
