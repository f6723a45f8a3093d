import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, browserAvailable, type Hub, openThread, signIn, startHub } from "./hub-harness";

// One reply and its life (queued, sent, delivered, read, each a realtime event) costs a few requests:
// the events carry the message's status, so the open timeline is patched, not refetched for each.
// The simulator answers over real HTTP with statuses a moment apart.

let hub: Hub;
const GUEST = { phone: "919845011501", name: "Round Trip Guest" };

/** Counts the page's API requests (the event stream aside) and how many are still in flight. */
function countApiRequests(page: Page) {
  const seen: string[] = [];
  const inFlight = new Set<Request>();
  const isApi = (url: string) => new URL(url).pathname.startsWith("/api/") && !url.includes("/api/events");
  page.on("request", (request) => {
    if (!isApi(request.url())) return;
    seen.push(`${request.method()} ${new URL(request.url()).pathname}`);
    inFlight.add(request);
  });
  page.on("requestfinished", (request) => inFlight.delete(request));
  page.on("requestfailed", (request) => inFlight.delete(request));
  return { seen, inFlight: () => inFlight.size };
}

describe.skipIf(!browserAvailable())("round trips of a reply", () => {
  beforeAll(async () => {
    hub = await startHub();
    await hub.simulator("/simulator/inbound", {
      from: GUEST.phone,
      name: GUEST.name,
      text: "Is breakfast included?",
    });
  }, 300_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it("a reply until it is read refetches neither its timeline nor its thread for each status", async () => {
    const page = await signIn(hub, ADMIN);
    await page.getByRole("button", { name: new RegExp(`^${GUEST.name}`) }).waitFor();
    await openThread(page, GUEST.name);
    // Settled: read by this person, nothing in flight.
    await page
      .getByRole("button", { name: new RegExp(`^${GUEST.name}`) })
      .getByTestId("unread-count")
      .waitFor({ state: "detached" });
    const requests = countApiRequests(page);
    await expect.poll(() => requests.inFlight()).toBe(0);
    requests.seen.length = 0;

    const text = `Yes, from 7 to 10:30 (${Date.now()})`;
    await page.locator("#composer-input").fill(text);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await page.getByTestId("message").filter({ hasText: text }).locator('[data-status="READ"]').waitFor();
    await expect.poll(() => requests.inFlight()).toBe(0);
    // The send, the draft's clearing, the new message and the inbox: statuses are patched in place (the
    // code before this counted 30: detail, timeline and inbox for every event). The inbox lists refresh
    // at most every 300 ms, so how often they do depends on how far apart the statuses arrive (a loaded
    // machine spreads them); the timeline and the thread do not depend on it.
    const seen = requests.seen.join(", ");
    const count = (pattern: RegExp) => requests.seen.filter((r) => pattern.test(r)).length;
    expect(count(/^POST \/api\/threads\/\d+\/reply$/), seen).toBe(1);
    expect(count(/^GET \/api\/threads\/\d+\/timeline$/), seen).toBeLessThanOrEqual(2);
    expect(count(/^GET \/api\/threads\/\d+$/), seen).toBeLessThanOrEqual(1);
    expect(count(/^GET \/api\/messages\//), seen).toBe(0);
    expect(requests.seen.length, seen).toBeLessThanOrEqual(12);
    await page.context().close();
  }, 300_000);
});
