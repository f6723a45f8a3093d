import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  browserAvailable,
  expectNoSeriousA11yViolations,
  type Hub,
  openThread,
  PHONE,
  screenshotsTo,
  scrollsSideways,
  signIn,
  startHub,
} from "./hub-harness";

// A template's fields, named from the template's words and filled from the thread's guest, booking and
// property; still editable. The demo guest Vikram Rao stays at Goa on booking DEMO-1005.

let hub: Hub;
const lookAt = screenshotsTo(process.env.SCREENSHOT_DIR);

type Requests = { requests: { kind: string; fields: Record<string, string> }[] };

type Detail = { booking: { reference: string; checkIn: string } | null; contact: { name: string } };

describe.skipIf(!browserAvailable())("template fields filled from the booking", () => {
  beforeAll(async () => {
    hub = await startHub();
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("names each field, fills name, booking, property and check-in date, and keeps them editable", async () => {
    const page = await signIn(hub, ADMIN, undefined, hub.url, { width: 1280, height: 720 });
    await openThread(page, "Vikram Rao");
    const threadId = Number(new URL(page.url()).searchParams.get("thread"));
    const detail = (await page.evaluate(`fetch('/api/threads/${threadId}').then((r) => r.json())`)) as Detail;
    expect(detail.booking, "the demo books Vikram Rao at Goa").not.toBeNull();

    // The guest last wrote by SMS: WhatsApp is where templates are.
    await page.getByRole("region", { name: "Reply" }).getByText("WhatsApp", { exact: true }).click();
    const useTemplate = page.getByRole("button", { name: "Use a template" });
    // Inside the WhatsApp window the composer offers the template flow; outside it opens there itself.
    await useTemplate.or(page.getByTestId("template-picker")).first().waitFor();
    if (await useTemplate.isVisible()) await useTemplate.click();
    const picker = page.getByTestId("template-picker");
    await picker.locator("option", { hasText: "booking_confirmation" }).waitFor({ state: "attached" });
    const options = await picker.locator("select option").allInnerTexts();
    await picker
      .locator("select")
      .selectOption({ index: options.findIndex((o) => o.startsWith("booking_confirmation")) });

    const field = (name: string) => picker.getByRole("textbox", { name });
    expect(await field("Guest name").inputValue()).toBe(detail.contact.name);
    expect(await field("Booking reference").inputValue()).toBe(detail.booking?.reference);
    expect(await field("Property").inputValue()).toBe("Pod & Beyond Goa");
    const checkIn = new Intl.DateTimeFormat("en-GB", {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    }).format(new Date(`${detail.booking?.checkIn}T12:00:00Z`));
    expect(await field("Check-in date").inputValue()).toBe(checkIn);
    // Each field shows the template's words around it.
    expect(await field("Booking reference").getAttribute("aria-describedby")).toBeTruthy();
    expect(await picker.locator("#template-field-context-2").textContent()).toContain(
      "your booking {{2}} at",
    );

    await field("Guest name").fill("Mr Rao");
    await page
      .getByTestId("template-preview")
      .filter({ hasText: `Hello Mr Rao, your booking ${detail.booking?.reference} at Pod & Beyond Goa` })
      .waitFor();
    await expectNoSeriousA11yViolations(page, "template fields");
    await lookAt(page, "template-fields-1280");
    await page.setViewportSize(PHONE);
    expect(await scrollsSideways(page)).toBe(false);
    await lookAt(page, "template-fields-390");
    await page.context().close();
  }, 300_000);

  it("asks for the header image of an image template before Send, and sends it", async () => {
    const page = await signIn(hub, ADMIN, undefined, hub.url, { width: 1440, height: 900 });
    await openThread(page, "Vikram Rao");
    await page.getByRole("region", { name: "Reply" }).getByText("WhatsApp", { exact: true }).click();
    const useTemplate = page.getByRole("button", { name: "Use a template" });
    await useTemplate.or(page.getByTestId("template-picker")).first().waitFor();
    if (await useTemplate.isVisible()) await useTemplate.click();
    const picker = page.getByTestId("template-picker");
    await picker.locator("option", { hasText: "welcome_offer" }).waitFor({ state: "attached" });
    const options = await picker.locator("select option").allInnerTexts();
    await picker
      .locator("select")
      .selectOption({ index: options.findIndex((o) => o.startsWith("welcome_offer")) });

    const header = page.getByRole("group", { name: "Header image" });
    const link = header.getByRole("textbox", { name: "Link to the image" });
    await link.waitFor();
    // Both fields come filled from the thread: only the header is missing.
    await picker.getByRole("textbox", { name: "Property" }).fill("Pod & Beyond Goa");
    await picker.getByRole("textbox", { name: "Guest name" }).fill("Mr Rao");
    const send = page.getByRole("button", { name: "Send template" });
    expect(await send.isDisabled()).toBe(true);
    await page.getByTestId("sms-counter").filter({ hasText: "Add the header image" }).waitFor();
    const url = "https://cdn.example.com/offers/bar.jpg";
    await link.fill(url);
    expect(await send.isDisabled()).toBe(false);
    await expectNoSeriousA11yViolations(page, "template header field");
    await lookAt(page, "template-header-1440");
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await scrollsSideways(page)).toBe(false);
    await lookAt(page, "template-header-390");
    await send.click();
    await link.waitFor({ state: "detached" });
    const { requests } = (await hub.simulator("/simulator/requests")) as Requests;
    const sent = requests.filter((r) => r.kind === "template" && r.fields.message).at(-1);
    expect(JSON.parse(sent?.fields.message ?? "{}")).toEqual({ type: "image", image: { link: url } });
    await page.context().close();
  }, 300_000);
});
