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

// The administration screens in a real browser against the real server: API keys (shown once, used,
// "last used", revoked and refused), a property's time zone, and a guest's contact edited and merged
// from the thread's contact panel.

let hub: Hub;
const shot = screenshotsTo(process.env.ADMIN_SCREENS_SCREENSHOTS);

/** Looks at the screen as it is: no sideways scrolling, no serious axe violation; a screenshot on request. */
async function check(page: Page, name: string) {
  expect(await scrollsSideways(page), `${name} scrolls sideways`).toBe(false);
  await expectNoSeriousA11yViolations(page, name);
  await shot(page, name);
}

/** The same at 1440 and at 390 px wide. */
async function checkBothSizes(page: Page, name: string) {
  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await check(page, `${name}-${size}`);
  }
  await page.setViewportSize(DESKTOP);
}

const callApi = (key: string, path = "/api/threads") =>
  fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${key}` } });

describe.skipIf(!browserAvailable())("administration screens in the browser", () => {
  beforeAll(async () => {
    hub = await startHub();
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("an admin creates an API key, sees it once, sees it used, revokes it and the key is refused", async () => {
    const admin = await signIn(hub, ADMIN, undefined, hub.url, DESKTOP);
    await admin.getByRole("link", { name: "Staff" }).click();
    await admin
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "API keys" })
      .click();
    await admin.getByRole("heading", { name: "API keys", level: 1 }).waitFor();
    expect(new URL(admin.url()).pathname).toBe("/admin/api-keys");

    await admin.getByRole("button", { name: "Create API key" }).click();
    const form = admin.getByRole("form", { name: "New API key" });
    await form.getByLabel("Name").fill("Night audit script");
    await form.getByLabel("Role").selectOption("AGENT");
    await form.getByRole("checkbox", { name: /^GOA/ }).check();
    await checkBothSizes(admin, "api-key-form");
    await form.getByRole("button", { name: "Create key" }).click();

    const notice = admin.getByRole("status").filter({ hasText: "you will not see it again" });
    await notice.waitFor();
    const key = (await admin.getByTestId("new-api-key").textContent()) ?? "";
    expect(key).toMatch(/^chk_[\w-]{40,}$/);
    await notice.getByRole("button", { name: "Copy" }).waitFor();
    await checkBothSizes(admin, "api-key-created");
    await notice.getByRole("button", { name: "Done" }).click();
    // Gone from the page, and never listed again: the list shows only the prefix.
    expect(await admin.getByText(key).count()).toBe(0);
    const row = admin.getByRole("listitem").filter({ hasText: "Night audit script" });
    await row.filter({ hasText: "Never used" }).filter({ hasText: "GOA" }).waitFor();
    await row.getByText(`${key.slice(0, 12)}…`).waitFor();

    expect((await callApi(key)).status).toBe(200);
    await admin.reload();
    await row.filter({ hasText: "Last used" }).waitFor();
    await checkBothSizes(admin, "api-keys-list");

    admin.once("dialog", (dialog) => {
      expect(dialog.message()).toContain("Night audit script");
      void dialog.accept();
    });
    await row.getByRole("button", { name: "Revoke Night audit script" }).click();
    await row.filter({ hasText: "Revoked" }).waitFor();
    expect(await row.getByRole("button", { name: /Revoke/ }).count()).toBe(0);
    const refused = await callApi(key);
    expect(refused.status).toBe(401);
    await admin.context().close();
  }, 300_000);

  it("an admin changes a property's time zone; a wrong zone is refused with a reason", async () => {
    const admin = await signIn(hub, ADMIN, undefined, hub.url, DESKTOP);
    await admin.goto(`${hub.url}/admin/staff`);
    await admin
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Properties" })
      .click();
    await admin.getByRole("heading", { name: "Properties", level: 1 }).waitFor();
    const goa = admin.getByRole("listitem").filter({ hasText: "Pod & Beyond Goa" });
    await goa.getByTestId("property-timezone").filter({ hasText: "Asia/Kolkata" }).waitFor();
    await checkBothSizes(admin, "properties-list");

    await goa.getByRole("button", { name: "Edit Pod & Beyond Goa" }).click();
    const form = admin.getByRole("form", { name: "Edit Pod & Beyond Goa" });
    expect(await form.getByLabel(/^Code/).getAttribute("readonly")).not.toBeNull();
    await form.getByLabel(/^Time zone/).fill("Asia/Goa");
    await form.getByRole("button", { name: "Save" }).click();
    await form.getByRole("alert").filter({ hasText: "is not a time zone" }).waitFor();
    await checkBothSizes(admin, "property-edit-form");

    await form.getByLabel(/^Time zone/).fill("Asia/Dubai");
    await form.getByRole("button", { name: "Save" }).click();
    await goa.getByTestId("property-timezone").filter({ hasText: "Asia/Dubai" }).waitFor();
    const stored = (await admin.evaluate(async () => (await fetch("/api/properties")).json())) as {
      properties: Array<{ code: string; timezone: string }>;
    };
    expect(stored.properties.find((p) => p.code === "GOA")?.timezone).toBe("Asia/Dubai");

    // A manager sees their property; its name, code and numbers are read-only.
    const manager = await signIn(hub, "manager.goa@commhub.example", undefined, hub.url, DESKTOP);
    await manager.goto(`${hub.url}/admin/properties`);
    await manager.getByText(/Administrators change their names and numbers/).waitFor();
    await manager.getByRole("listitem").filter({ hasText: "Pod & Beyond Goa" }).waitFor();
    expect(await manager.getByRole("button", { name: /^Edit/ }).count()).toBe(0);
    expect(await manager.getByRole("listitem").filter({ hasText: "Bengaluru" }).count()).toBe(0);
    await admin.context().close();
    await manager.context().close();
  }, 300_000);

  it("an agent edits a guest's name from the contact panel; a manager merges a duplicate into it", async () => {
    await hub.simulator("/simulator/inbound", { from: "919845000071", name: "Tara Singh", text: "Booking?" });
    await hub.simulator("/simulator/inbound", { from: "919845000072", name: "T. S.", text: "Other phone" });

    const agent = await signIn(hub, "ravi.goa@commhub.example", undefined, hub.url, DESKTOP);
    await openThread(agent, "Tara Singh");
    const panel = agent.getByRole("complementary", { name: "Guest details" });
    expect(await panel.getByRole("button", { name: "Merge duplicate…" }).count()).toBe(0);
    await panel.getByRole("button", { name: "Edit contact" }).click();
    const edit = agent.getByRole("dialog", { name: "Edit contact" });
    await edit.getByLabel(/^Name/).fill("Tara Singh-Rao");
    await edit.getByLabel(/^Language/).fill("hi");
    await edit.getByLabel(/^Notes/).fill("Prefers a ground-floor pod");
    await check(agent, "contact-edit-desktop");
    await edit.getByRole("button", { name: "Save" }).click();
    await panel.getByText("Tara Singh-Rao").waitFor();
    await panel.getByText("Prefers a ground-floor pod").waitFor();
    await agent.getByRole("heading", { name: "Tara Singh-Rao" }).waitFor();
    await agent.context().close();

    // On a phone the panel is the Details sheet; the dialog opens over it and fits.
    const phone = await signIn(hub, "ravi.goa@commhub.example", undefined, hub.url, PHONE);
    await openThread(phone, "Tara Singh-Rao");
    await phone.getByRole("button", { name: "Details" }).click();
    await phone.getByRole("button", { name: "Edit contact" }).click();
    await phone
      .getByRole("dialog", { name: "Edit contact" })
      .getByLabel(/^Notes/)
      .waitFor();
    await check(phone, "contact-edit-phone");
    await phone.context().close();

    const manager = await signIn(hub, "manager.goa@commhub.example", undefined, hub.url, DESKTOP);
    await openThread(manager, "Tara Singh-Rao");
    const managerPanel = manager.getByRole("complementary", { name: "Guest details" });
    await managerPanel.getByRole("button", { name: "Merge duplicate…" }).click();
    const merge = manager.getByRole("dialog", { name: "Merge a duplicate into this contact" });
    await merge.getByLabel("Find the duplicate by name, phone or email").fill("98450 00072");
    await merge.getByRole("button", { name: "Search" }).click();
    await merge.getByRole("button", { name: /^T\. S\./ }).click();
    await merge.getByText("Their conversations, messages, calls, emails and bookings move to").waitFor();
    await check(manager, "contact-merge-confirm-desktop");
    await merge.getByRole("button", { name: "Merge contacts" }).click();
    await merge.getByRole("status").filter({ hasText: "Merged" }).waitFor();
    await merge.getByRole("button", { name: "Close" }).click();

    // Both guests' messages are one conversation now; the duplicate's row is gone from the inbox.
    const timeline = manager.getByRole("log", { name: "Conversation timeline" });
    await timeline.getByText("Other phone").waitFor();
    await timeline.getByText("Booking?").waitFor();
    await expect.poll(() => manager.getByRole("button", { name: /^T\. S\./ }).count()).toBe(0);
    await manager.context().close();
  }, 300_000);
});
