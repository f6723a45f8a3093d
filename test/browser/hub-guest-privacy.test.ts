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

// A guest's data in a real browser against the real server: an admin downloads the export from the
// details panel, then erases the guest through the confirmation dialog; agents are offered neither.

let hub: Hub;
const shoot = screenshotsTo(process.env.PRIVACY_SCREENSHOTS);

describe.skipIf(!browserAvailable())("guest data in the browser", () => {
  beforeAll(async () => {
    hub = await startHub();
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("an admin exports a guest's data, then erases the guest after typing the name", async () => {
    const page = await signIn(hub, ADMIN, undefined, hub.url, DESKTOP);
    await openThread(page, "Priya Iyer");
    const panel = page.getByRole("complementary", { name: "Guest details" });
    const exportLink = panel.getByRole("link", { name: "Export data" });
    const href = (await exportLink.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/api\/contacts\/\d+\/export$/);
    // What the link downloads, fetched with the page's own session.
    const download = (await page.evaluate(`fetch(${JSON.stringify(href)}).then(async (r) => ({
      status: r.status, type: r.headers.get("content-type"), size: (await r.arrayBuffer()).byteLength }))`)) as {
      status: number;
      type: string;
      size: number;
    };
    expect(download).toMatchObject({ status: 200, type: "application/zip" });
    expect(download.size).toBeGreaterThan(100);

    await panel.getByRole("button", { name: "Erase guest…" }).click();
    const dialog = page.getByRole("dialog", { name: "Erase this guest?" });
    await dialog.waitFor();
    const confirm = dialog.getByRole("button", { name: "Erase for good" });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/Type the guest's name/).fill("Priya");
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/Type the guest's name/).fill("Priya Iyer");
    await expectNoSeriousA11yViolations(page, "the erase dialog");
    await shoot(page, "erase-dialog-1440");
    await confirm.click();
    await dialog.getByRole("status").filter({ hasText: "Erased:" }).waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => panel.getByText("Priya Iyer").count(), { timeout: 90_000 }).toBe(0);
    await expect
      .poll(() => page.getByRole("button", { name: /^Priya Iyer/ }).count(), { timeout: 90_000 })
      .toBe(0);
    // The conversation stays, now under an anonymous label.
    await page.getByRole("heading", { name: /^Contact \d+$/, level: 2 }).waitFor();
    await page.context().close();
  }, 240_000);

  it("on a phone the actions sit in the details sheet, and the dialog fits the screen", async () => {
    const page = await signIn(hub, ADMIN, undefined, hub.url, PHONE);
    await openThread(page, "Ananya Das");
    await page.getByRole("button", { name: "Details" }).click();
    const sheet = page.getByRole("dialog", { name: "Guest details" });
    await sheet.getByRole("link", { name: "Export data" }).waitFor();
    await sheet.getByRole("button", { name: "Erase guest…" }).click();
    const dialog = page.getByRole("dialog", { name: "Erase this guest?" });
    await dialog.getByLabel(/Type the guest's name/).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoSeriousA11yViolations(page, "the erase dialog on a phone");
    await shoot(page, "erase-dialog-390");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => dialog.count(), { timeout: 90_000 }).toBe(0);
    await page.context().close();
  }, 240_000);

  it("an agent is offered neither export nor erase", async () => {
    const page = await signIn(hub, "ravi.goa@commhub.example");
    await openThread(page, "Rohan Gupta");
    const panel = page.getByRole("complementary", { name: "Guest details" });
    await panel.getByRole("heading", { name: "Contact" }).waitFor();
    expect(await panel.getByRole("link", { name: "Export data" }).count()).toBe(0);
    expect(await panel.getByRole("button", { name: "Erase guest…" }).count()).toBe(0);
    await page.context().close();
  }, 240_000);
});
