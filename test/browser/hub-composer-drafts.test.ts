import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
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

// The composer in a real browser against the real server: a draft that survives switching threads, a
// reload and a second device (it lives on the server), and an image attached with the file picker, sent
// through the simulator, delivered and shown in the thread.

let hub: Hub;
const AGENT = "ravi.goa@commhub.example";
const shoot = screenshotsTo(process.env.COMPOSER_SCREENSHOTS);
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

const box = (page: Page) => page.locator("#composer-input");
const timeline = (page: Page) => page.getByRole("log", { name: "Conversation timeline" });
const openThreadId = (page: Page) => Number(new URL(page.url()).searchParams.get("thread"));
const serverDraft = (page: Page, threadId: number) =>
  page.evaluate(
    async (id) => JSON.stringify(await (await fetch(`/api/threads/${id}/drafts`)).json()),
    threadId,
  );

describe.skipIf(!browserAvailable())("the composer in the browser: drafts and attachments", () => {
  beforeAll(async () => {
    hub = await startHub();
    await hub.simulator("/simulator/inbound", { from: "919845000004", text: "Can I get a late checkout?" });
    await hub.simulator("/simulator/inbound", {
      from: "919845000006",
      text: "Please send a photo of the room",
    });
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("keeps a draft across a thread switch, a reload and a second device", async () => {
    const page = await signIn(hub, AGENT, undefined, undefined, DESKTOP);
    await openThread(page, "Vikram Rao");
    await timeline(page).getByText("Can I get a late checkout?").waitFor();
    const vikram = openThreadId(page);
    const draft = "Late checkout until 1 pm is fine, I will note it";
    await box(page).fill(draft);

    await openThread(page, "Karan Mehta");
    await timeline(page).getByText("Please send a photo of the room").waitFor();
    await expect.poll(() => box(page).inputValue()).toBe("");
    await openThread(page, "Vikram Rao");
    await expect.poll(() => box(page).inputValue()).toBe(draft);

    await box(page).press("End");
    await box(page).pressSequentially(".");
    await expect.poll(() => serverDraft(page, vikram)).toContain(`${draft}.`);
    await page.reload();
    await page.getByRole("heading", { name: "Vikram Rao" }).waitFor();
    await expect.poll(() => box(page).inputValue()).toBe(`${draft}.`);

    const phone = await signIn(hub, AGENT, undefined, undefined, PHONE);
    await openThread(phone, "Vikram Rao");
    await expect.poll(() => box(phone).inputValue()).toBe(`${draft}.`);
    await phone.context().close();

    // Emptying the text clears the draft on the server.
    await box(page).fill("");
    await expect.poll(() => serverDraft(page, vikram)).toBe('{"drafts":[]}');
    await page.context().close();
  }, 300_000);

  it("sends an image picked from disk with a caption; it is delivered and shown in the thread", async () => {
    const page = await signIn(hub, AGENT, undefined, undefined, DESKTOP);
    await openThread(page, "Karan Mehta");
    await page.getByTestId("window-status").filter({ hasText: "Window closes in" }).waitFor();

    // SMS refuses files in words.
    await page.locator(".channel-picker label", { hasText: "SMS" }).click();
    await expect.poll(() => page.getByRole("radio", { name: "SMS" }).isChecked()).toBe(true);
    await page
      .getByTestId("attachment-refusal")
      .filter({ hasText: "SMS cannot carry attachments" })
      .waitFor();
    expect(await page.getByRole("button", { name: "Attach a file" }).count()).toBe(0);
    await page.locator(".channel-picker label", { hasText: "WhatsApp" }).click();

    await page
      .getByTestId("attachment-input")
      .setInputFiles({ name: "room-204.png", mimeType: "image/png", buffer: PNG });
    await page.getByTestId("attachment-chip").filter({ hasText: "room-204.png" }).waitFor();
    const caption = `Room 204, sea view ${Date.now()}`;
    await box(page).fill(caption);
    await expectNoSeriousA11yViolations(page, "the composer with an attachment");
    await shoot(page, "composer-attachment-1440");
    await page.getByRole("button", { name: "Send", exact: true }).click();

    const bubble = timeline(page).getByTestId("message").filter({ hasText: caption });
    await bubble.locator("figure.media img").waitFor();
    await bubble.locator('[data-status="DELIVERED"], [data-status="READ"]').waitFor({ timeout: 90_000 });
    const requests = (await hub.simulator("/simulator/requests")) as {
      requests: { kind: string; destination?: string; fields?: Record<string, string> }[];
    };
    const sent = requests.requests.filter((r) => r.kind === "whatsapp" && r.destination === "919845000006");
    expect(sent.map((r) => JSON.parse(r.fields?.message ?? "{}").type)).toEqual(["image"]);
    // The preview is the stored file, served by the hub.
    const shown = await bubble
      .locator("figure.media img")
      .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    expect(shown).toBe(1);
    expect(await page.getByTestId("attachment-chip").count()).toBe(0);
    await expect.poll(() => box(page).inputValue()).toBe("");
    await page.context().close();
  }, 300_000);

  it("fits a phone screen with a file attached", async () => {
    const page = await signIn(hub, AGENT, undefined, undefined, PHONE);
    await openThread(page, "Vikram Rao");
    await page.getByTestId("attachment-input").setInputFiles({
      name: "a-rather-long-file-name-for-the-invoice-of-room-204.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(3000, 32)]),
    });
    await page.getByTestId("attachment-chip").waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoSeriousA11yViolations(page, "the phone composer with an attachment");
    await shoot(page, "composer-attachment-390");
    await page.context().close();
  }, 300_000);
});
