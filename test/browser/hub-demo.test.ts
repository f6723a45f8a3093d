import type { ThreadListResponse } from "@contract/threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, browserAvailable, type Hub, openThread, signIn, startHub } from "./hub-harness";

// A fresh demo (an empty database in simulator mode loads the demo chain) tells the truth: the 24-hour
// window the composer shows for a seeded guest is the one the simulated Gupshup enforces, so a first
// reply to any guest whose window shows open is delivered and read, never refused with 131047.

let hub: Hub;

describe.skipIf(!browserAvailable())("a fresh demo in the browser", () => {
  beforeAll(async () => {
    hub = await startHub();
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("a first reply to every seeded guest whose WhatsApp window shows open reaches READ", async () => {
    const page = await signIn(hub, ADMIN);
    const list = (await page.evaluate(async () => {
      const res = await fetch("/api/threads?limit=100");
      return res.json();
    })) as ThreadListResponse;
    const open = list.threads.filter((t) => t.whatsappWindow.open && t.contact.name);
    // The demo has several guests who wrote on WhatsApp within the day.
    expect(open.length).toBeGreaterThanOrEqual(3);

    for (const thread of open) {
      const name = thread.contact.name ?? "";
      await openThread(page, name);
      await page.getByRole("radio", { name: "WhatsApp" }).check();
      await page.getByTestId("window-status").filter({ hasText: "Window closes in" }).waitFor();
      const text = `Hello ${name}, this is the front desk. ${Date.now()}`;
      await page.locator("#composer-input").fill(text);
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await page
        .getByTestId("message")
        .filter({ hasText: text })
        .locator('[data-status="READ"]')
        .waitFor({ timeout: 90_000 });
    }

    type Callbacks = { callbacks: { kind: string; event: string }[] };
    const callbacks = ((await hub.simulator("/simulator/callbacks")) as Callbacks).callbacks;
    expect(callbacks.filter((c) => c.kind === "message-event" && c.event === "failed")).toEqual([]);
    await page.context().close();
  }, 480_000);
});
