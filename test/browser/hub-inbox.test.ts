import { startTcpProxy } from "@test/tcp-proxy";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  browserAvailable,
  type Hub,
  openThread,
  signIn,
  startHub,
  threadMenuAction,
} from "./hub-harness";

// The communication hub in a real browser against the real server in simulator mode, on the demo data:
// sign-in, the unified thread, live guest messages, and property scoping. (Replies, templates and
// retries are in hub-outbound.test.ts.)

let hub: Hub;
const selectedId = (page: Page) => page.locator(".thread-row.selected").getAttribute("data-thread-id");

describe.skipIf(!browserAvailable())("communication hub in the browser: inbox and live updates", () => {
  beforeAll(async () => {
    hub = await startHub();
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("redirects / to the hub after sign-in, and a wrong password is refused in words", async () => {
    const context = await hub.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${hub.url}/`);
    await page.getByLabel("Email").fill(ADMIN);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "Wrong email or password" }).waitFor();

    await page.getByLabel("Password").fill(hub.passwords.get(ADMIN) ?? "");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("thread-list").waitFor();
    expect(new URL(page.url()).pathname).toBe("/admin/communication-hub");
    await page.getByTestId("live-badge").filter({ hasText: "Live" }).waitFor();

    // A deep link survives a reload (the server answers client routes with the app).
    await page.reload();
    await page.getByTestId("thread-list").waitFor();
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await context.close();
  }, 240_000);

  it("opens a thread: messages, notes, calls and events in time order, with channel, direction and status", async () => {
    const page = await signIn(hub, ADMIN);
    await openThread(page, "Priya Iyer");
    const timeline = page.getByRole("log", { name: "Conversation timeline" });
    await timeline.getByText("Hi, can I get an early check-in tomorrow?").waitFor();
    const texts = await timeline.locator("[data-kind]").allInnerTexts();
    const order = ["early check-in", "ready by 10 am", "Thank you!", "Prefers an upper pod"].map((t) =>
      texts.findIndex((x) => x.includes(t)),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));

    const reply = page.getByTestId("message").filter({ hasText: "ready by 10 am" });
    expect(await reply.textContent()).toMatch(/WhatsApp[\s\S]*OUTBOUND/);
    const ticks = reply.getByTestId("message-status");
    expect(await ticks.getAttribute("data-status")).toBe("READ");
    expect(await ticks.getAttribute("title")).toMatch(/Read [^(]/);

    // The side panel: contact with consent, booking with dates.
    const panel = page.getByRole("complementary", { name: "Guest details" });
    expect(await panel.textContent()).toMatch(/DEMO-1002[\s\S]*Pod & Beyond Bengaluru/);
    expect(await panel.getByTestId("consent-whatsapp").textContent()).toBe("May message");

    // A call thread: missed and answered calls with duration.
    await openThread(page, "Isha Kapoor");
    await page.getByText(/Missed call/).waitFor();
    await page.getByText(/answered/).waitFor();
    expect(await page.getByText(/3 min 04 s/).count()).toBe(1);
    await page.context().close();
  }, 240_000);

  it("moves through the inbox with j and k, r focuses the reply box and Esc leaves it", async () => {
    const page = await signIn(hub, ADMIN);
    await page.getByRole("button", { name: /^Priya Iyer/ }).waitFor();
    await page.keyboard.press("j");
    await page.locator(".thread-row.selected").waitFor();
    const first = await page.locator(".thread-row.selected").getAttribute("data-thread-id");
    await page.keyboard.press("j");
    await expect.poll(() => selectedId(page), { timeout: 90_000 }).not.toBe(first);
    await page.keyboard.press("k");
    await expect.poll(() => selectedId(page), { timeout: 90_000 }).toBe(first);
    await page.locator("#composer-input, [data-testid=template-picker]").first().waitFor();
    if ((await page.locator("#composer-input").count()) > 0) {
      await page.keyboard.press("r");
      await page.locator("#composer-input:focus").waitFor();
      // Esc leaves the reply box, and j moves through the inbox again.
      await page.keyboard.press("Escape");
      expect(await page.locator("#composer-input:focus").count()).toBe(0);
      await page.keyboard.press("j");
      await expect.poll(() => selectedId(page), { timeout: 90_000 }).not.toBe(first);
    }
    await page.context().close();
  }, 240_000);

  it("shows a simulated guest's message live in the list and in the open thread, without reload", async () => {
    const page = await signIn(hub, ADMIN);
    await openThread(page, "Priya Iyer");
    await page.evaluate("window.stayedOnPage = true");
    const text = `Could I get a late checkout? ${Date.now()}`;

    // Through the Simulate guest drawer, as a newcomer would.
    await page.getByRole("button", { name: "Simulate guest" }).click();
    const drawer = page.getByRole("dialog", { name: "Simulate guest" });
    expect(await drawer.getByLabel("Guest phone (with country code)").inputValue()).toBe("919845000001");
    await drawer.getByLabel("Guest's message").fill(text);
    await drawer.getByRole("button", { name: "Send as guest" }).click();
    await drawer.getByText("delivered to the inbox").waitFor();
    await page.keyboard.press("Escape");

    await page.getByRole("log", { name: "Conversation timeline" }).getByText(text).waitFor();
    await page
      .getByRole("button", { name: /^Priya Iyer/ })
      .getByText(text)
      .waitFor();

    // A guest never seen before: a new row appears.
    await hub.simulator("/simulator/inbound", {
      from: "919811122233",
      name: "Nina Newguest",
      text: "Hi there",
    });
    await page.getByRole("button", { name: /^Nina Newguest/ }).waitFor();
    expect(await page.evaluate("window.stayedOnPage")).toBe(true);
    await page.context().close();
  }, 240_000);

  it("shows assignments made by a colleague live, and an inbound image with its download state", async () => {
    const admin = await signIn(hub, ADMIN);
    const manager = await signIn(hub, "manager.goa@commhub.example");
    await openThread(admin, "Vikram Rao");
    await threadMenuAction(admin, "Assign to…");
    await admin
      .getByRole("region", { name: "Assign" })
      .getByLabel("Assignee")
      .selectOption({ label: "Meera Nair" });
    await manager
      .getByRole("button", { name: /^Vikram Rao/ })
      .getByText("Meera Nair")
      .waitFor();

    await openThread(manager, "Vikram Rao");
    await hub.simulator("/simulator/inbound", {
      from: "919845000004",
      media: { type: "image", url: "https://media.invalid/pool.jpg", caption: "The pool at night" },
    });
    const figure = manager.locator("figure.media").filter({ hasText: "The pool at night" });
    await figure.waitFor();
    expect(["PENDING", "FAILED", "STORED"]).toContain(await figure.getAttribute("data-media-status"));
    await figure
      .getByText(/Downloading image|could not be downloaded/)
      .or(figure.locator("img"))
      .first()
      .waitFor();
    await admin.context().close();
    await manager.context().close();
  }, 240_000);

  it("counts SMS characters and segments, GSM-7 or UCS-2, as the agent types", async () => {
    const page = await signIn(hub, ADMIN);
    await openThread(page, "Vikram Rao");
    // (The composer starts on the guest's last channel, which an earlier test here made WhatsApp.)
    await page.locator(".channel-picker label", { hasText: "SMS" }).click();
    expect(await page.getByRole("radio", { name: "SMS" }).isChecked()).toBe(true);
    const counter = page.getByTestId("sms-counter");
    await page.locator("#composer-input").fill("a".repeat(161));
    await counter.filter({ hasText: "161/306 · 2 segments · GSM-7" }).waitFor();
    await page.locator("#composer-input").fill("Namaste 🙏");
    await counter.filter({ hasText: "10/70 · 1 segment · UCS-2" }).waitFor();
    await page.context().close();
  }, 240_000);

  it("shows a guest's WhatsApp opt-out live and refuses to compose on that channel", async () => {
    const page = await signIn(hub, ADMIN);
    await openThread(page, "Isha Kapoor");
    await page.getByRole("button", { name: "Simulate guest" }).click();
    const drawer = page.getByRole("dialog", { name: "Simulate guest" });
    await drawer.getByRole("button", { name: "Opt out of WhatsApp" }).click();
    await drawer.getByText("The guest opted out of WhatsApp.").waitFor();
    await page.keyboard.press("Escape");
    await page.getByTestId("consent-whatsapp").filter({ hasText: "Opted out" }).waitFor();
    await page.getByRole("alert").filter({ hasText: "opted out of WhatsApp" }).waitFor();
    expect(await page.getByRole("button", { name: "Send", exact: true }).isDisabled()).toBe(true);
    await page.context().close();
  }, 240_000);

  it("says when it is reconnecting, and catches up on what it missed once back", async () => {
    // The browser reaches the server through a proxy the test can cut, like a dropped Wi-Fi.
    const target = new URL(hub.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    try {
      const page = await signIn(hub, ADMIN, undefined, `http://127.0.0.1:${proxy.port}`);
      await openThread(page, "Priya Iyer");
      const badge = page.getByTestId("live-badge");
      await badge.filter({ hasText: "Live" }).waitFor();
      proxy.cut();
      await badge.filter({ hasText: "Reconnecting" }).waitFor();
      const text = `Sent while you were away ${Date.now()}`;
      await hub.simulator("/simulator/inbound", { from: "919845000001", text });
      proxy.restore();
      await badge.filter({ hasText: "Live" }).waitFor({ timeout: 90_000 });
      await page.getByRole("log", { name: "Conversation timeline" }).getByText(text).waitFor();
      await page.context().close();
    } finally {
      await proxy.close();
    }
  }, 240_000);

  it("keeps 10,000 threads to a window of rows in the page and scrolls to the last one", async () => {
    const page = await signIn(hub, ADMIN);
    // The demo chain has a few dozen threads; this one check answers the list from the browser side
    // with 10,000 rows (the shape of the real answer) to measure the list itself, not the server.
    const real = (await (await page.request.get(`${hub.url}/api/threads?limit=1`)).json()) as {
      threads: Record<string, unknown>[];
    };
    const template = real.threads[0] ?? {};
    const threads = Array.from({ length: 10_000 }, (_, i) => ({
      ...template,
      id: 1_000_000 + i,
      contact: {
        id: 1_000_000 + i,
        name: `Load Guest ${i}`,
        phone: `9199${String(i).padStart(8, "0")}`,
        email: null,
      },
      unreadCount: i % 7,
    }));
    await page.route(/\/api\/threads\?/, (route) => route.fulfill({ json: { threads, nextCursor: null } }));
    await page.reload();
    await page.getByRole("button", { name: /^Load Guest 0 / }).waitFor();
    const rows = page.locator(".thread-row");
    expect(await rows.count()).toBeLessThan(60);
    const list = page.getByTestId("thread-list");
    await list.hover();
    await page.mouse.wheel(0, 2_000_000);
    await page.getByRole("button", { name: /^Load Guest 9999/ }).waitFor();
    expect(await rows.count()).toBeLessThan(60);
    await page.context().close();
  }, 240_000);

  it("never shows an agent of one property another property's threads, not even live", async () => {
    const admin = await signIn(hub, ADMIN);
    const priyaId = await admin.getByRole("button", { name: /^Priya Iyer/ }).getAttribute("data-thread-id");
    await admin.context().close();

    const ravi = await signIn(hub, "ravi.goa@commhub.example");
    await ravi.getByRole("button", { name: /^Rahul Verma/ }).waitFor(); // a GOA guest
    const codes = await ravi.locator(".thread-row .row-meta .meta").allInnerTexts();
    expect(codes.filter((c) => c === "BLR")).toEqual([]);
    expect(await ravi.getByRole("button", { name: /^Priya Iyer/ }).count()).toBe(0);
    expect(await ravi.getByLabel("Property").first().locator("option").allInnerTexts()).toEqual([
      "All properties",
      "Pod & Beyond Goa",
    ]);

    // A BLR guest writes, then a GOA guest: once the second shows, the first would have too.
    const blrText = `BLR only ${Date.now()}`;
    const goaText = `GOA guest ${Date.now()}`;
    await hub.simulator("/simulator/inbound", { from: "919845000001", text: blrText });
    await hub.simulator("/simulator/inbound", { from: "919845000010", text: goaText });
    await ravi.getByText(goaText).first().waitFor();
    expect(await ravi.getByText(blrText).count()).toBe(0);

    // Nor by URL.
    await ravi.goto(`${hub.url}/admin/communication-hub?thread=${priyaId}`);
    await ravi.getByText("This conversation could not be opened").waitFor();
    await ravi.context().close();
  }, 240_000);
});
