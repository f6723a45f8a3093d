import { mkdirSync } from "node:fs";
import { projectPath } from "@server/project-path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, browserAvailable, type Hub, signIn, startHub } from "./hub-harness";

// Staff administration in a real browser against the real server: an admin creates an agent, who signs
// in with the temporary password, must choose a new one before anything else, then reaches the inbox.

let hub: Hub;
const SCREENSHOTS = process.env.STAFF_ADMIN_SCREENSHOTS;

async function shoot(page: Page, name: string) {
  if (!SCREENSHOTS) return;
  mkdirSync(projectPath(SCREENSHOTS), { recursive: true });
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: projectPath(`${SCREENSHOTS}/${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.skipIf(!browserAvailable())("staff administration in the browser", () => {
  beforeAll(async () => {
    hub = await startHub();
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("an admin creates an agent, who must change the temporary password, then reaches the inbox", async () => {
    const admin = await signIn(hub, ADMIN);
    await admin.getByRole("link", { name: "Staff" }).click();
    await admin.getByRole("heading", { name: "Staff", level: 1 }).waitFor();
    expect(new URL(admin.url()).pathname).toBe("/admin/staff");
    await admin.getByRole("listitem").filter({ hasText: ADMIN }).waitFor();

    await admin.getByRole("button", { name: "Add staff member" }).click();
    const form = admin.getByRole("form", { name: "New staff member" });
    const email = `new.agent.${Date.now()}@hotel.test`;
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Name").fill("Nina Newcomer");
    await form.getByLabel("Role").selectOption("AGENT");
    await form.getByRole("checkbox").first().check();
    await shoot(admin, "staff-create-form");
    await form.getByRole("button", { name: "Create" }).click();
    const temporaryPassword = (await admin.getByTestId("temporary-password").textContent()) ?? "";
    expect(temporaryPassword).toMatch(/^[\w-]{20,}$/);
    const row = admin.getByRole("listitem").filter({ hasText: email });
    await row.filter({ hasText: "agent" }).filter({ hasText: "Active" }).waitFor();
    await shoot(admin, "staff-list");

    await admin.getByRole("button", { name: "Log out" }).click();
    await admin.getByRole("button", { name: "Sign in" }).waitFor();

    const page = await (await hub.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.setDefaultTimeout(90_000);
    await page.goto(`${hub.url}/`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(temporaryPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
    await shoot(page, "forced-password-change");
    // The server, not just the screen, holds everything else back until the change.
    const blocked = await page.evaluate(async () => (await fetch("/api/threads")).json());
    expect(blocked).toMatchObject({ error: { code: "PASSWORD_CHANGE_REQUIRED" } });

    await page.getByLabel("Current password").fill(temporaryPassword);
    await page.getByLabel("New password (at least 8 characters)").fill("short");
    await page.getByLabel("New password again").fill("short");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.getByRole("alert").filter({ hasText: "at least 8 characters" }).waitFor();

    const newPassword = "a long passphrase of my own";
    await page.getByLabel("New password (at least 8 characters)").fill(newPassword);
    await page.getByLabel("New password again").fill(newPassword);
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.getByTestId("thread-list").waitFor();
    expect(new URL(page.url()).pathname).toBe("/admin/communication-hub");
    // An agent has no Staff link; everyone can change their own password.
    expect(await page.getByRole("link", { name: "Staff" }).count()).toBe(0);
    await page.getByRole("button", { name: "Password" }).click();
    await page.getByRole("dialog", { name: "Change your password" }).waitFor();
    await shoot(page, "password-dialog");
    await page.getByRole("button", { name: "Cancel" }).click();

    // The new password is the one that signs in now.
    const again = await signIn(hub, email, newPassword);
    await again.getByTestId("thread-list").waitFor();
  }, 300_000);

  it("edits, deactivates, reactivates and resets from the Staff screen; managers see only their properties' staff", async () => {
    const admin = await signIn(hub, ADMIN);
    await admin.goto(`${hub.url}/admin/staff`);
    const ravi = admin.getByRole("listitem").filter({ hasText: "ravi.goa@commhub.example" });
    await ravi.getByRole("button", { name: "Edit" }).click();
    const form = admin.getByRole("form", { name: "Edit Ravi Kumar" });
    await shoot(admin, "staff-edit-form");
    await form.getByLabel("Name").fill("Ravi K. Kumar");
    await form.getByRole("button", { name: "Save" }).click();
    await ravi.filter({ hasText: "Ravi K. Kumar" }).waitFor();

    await ravi.getByRole("button", { name: "Deactivate" }).click();
    await ravi.filter({ hasText: "Deactivated" }).waitFor();
    await ravi.getByRole("button", { name: "Reactivate" }).click();
    await ravi.getByRole("button", { name: "Deactivate" }).waitFor();

    admin.once("dialog", (dialog) => void dialog.accept());
    await ravi.getByRole("button", { name: "Reset password" }).click();
    const temporaryPassword = (await admin.getByTestId("temporary-password").textContent()) ?? "";
    expect(temporaryPassword).toMatch(/^[\w-]{20,}$/);
    const login = await fetch(`${hub.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "ravi.goa@commhub.example", password: temporaryPassword }),
    });
    expect(((await login.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(
      true,
    );

    const manager = await signIn(hub, "manager.goa@commhub.example");
    await manager.getByRole("link", { name: "Staff" }).click();
    await manager.getByRole("listitem").filter({ hasText: "meera.goa@commhub.example" }).waitFor();
    const emails = await manager.getByRole("list", { name: "Staff" }).textContent();
    expect(emails).not.toContain("sam.blr@commhub.example");
    expect(emails).not.toContain(ADMIN);
    await manager.getByRole("button", { name: "Add staff member" }).click();
    const roles = await manager.getByLabel("Role").locator("option").allTextContents();
    expect(roles).toEqual(["agent"]);
  }, 300_000);
});
