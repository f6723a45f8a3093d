import type { OutboundMessage } from "@server/providers/channel-provider";
import { acceptedId, type SimulatorHarness, startSimulatorHarness } from "@test/simulator-harness";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_SIMULATOR_TEMPLATES } from "./simulator-options";

// Gupshup's rules as the simulator plays them, observed the way the app will: through the real adapter
// and the callbacks arriving at a real HTTP receiver.

let h: SimulatorHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const guest = "919812345678";
const text = (to = guest): OutboundMessage => ({ type: "text", to, text: "Your room is ready" });
const booking = DEFAULT_SIMULATOR_TEMPLATES[0];
const template = (params: string[], templateId = booking?.id ?? ""): OutboundMessage => ({
  type: "template",
  to: guest,
  templateId,
  params,
});

async function fateOf(harness: SimulatorHarness, message: OutboundMessage) {
  const id = acceptedId(await harness.providers.whatsapp.send(message));
  await harness.simulator.idle();
  return harness
    .statusesFor(id)
    .map((e) => (e.error ? `${e.providerStatus} ${e.error.code}` : e.providerStatus));
}

describe("simulator: delivery", () => {
  it("plays enqueued → sent → delivered → read, in that order, with Gupshup's correlation ids", async () => {
    h = await startSimulatorHarness();
    await h.simulator.inbound({ from: guest, text: "hello" });
    const id = acceptedId(await h.providers.whatsapp.send(text()));
    await h.receiver.waitFor(() => h?.statusesFor(id).some((e) => e.providerStatus === "read") ?? false);
    const statuses = h.statusesFor(id);
    expect(statuses.map((e) => e.providerStatus)).toEqual(["enqueued", "sent", "delivered", "read"]);
    const wamid = statuses[0]?.whatsappMessageId;
    expect(wamid).toMatch(/^wamid\./);
    expect(statuses.every((e) => e.whatsappMessageId === wamid && e.recipient === guest)).toBe(true);
    // On the wire: enqueued carries Gupshup's id as `id`; sent/delivered/read carry the wamid and gsId.
    const raw = h.receiver.received
      .slice(1)
      .map((r) => (r.json as { payload: { id?: string; gsId?: string } }).payload);
    expect(raw[0]).toMatchObject({ id });
    expect(raw.slice(1).every((p) => p.id === wamid && p.gsId === id)).toBe(true);
  });

  it("fails numbers that are not on WhatsApp (…0002) with 1002, without enqueued", async () => {
    h = await startSimulatorHarness({ knobs: { enforceSessionWindow: false } });
    expect(await fateOf(h, text("919800000002"))).toEqual(["failed 1002"]);
  });

  it("fails the next message with 1002 on the notOnWhatsappNext knob, once", async () => {
    h = await startSimulatorHarness({ knobs: { enforceSessionWindow: false, notOnWhatsappNext: 1 } });
    expect(await fateOf(h, text())).toEqual(["failed 1002"]);
    expect(await fateOf(h, text())).toEqual(["enqueued", "sent", "delivered", "read"]);
  });
});

describe("simulator: conversations it did not see (seeded demo, an earlier run)", () => {
  it("opens the window from knowConversation without a callback; a …0002 number that wrote is on WhatsApp", async () => {
    let now = Date.parse("2026-03-01T10:00:00Z");
    h = await startSimulatorHarness({ now: () => now });
    const before = h.receiver.received.length;
    h.simulator.knowConversation(guest, new Date(now - 3 * 3600_000));
    h.simulator.knowConversation("919800000002", new Date(now - 60_000));
    expect(h.receiver.received.length).toBe(before);
    expect(await fateOf(h, text())).toEqual(["enqueued", "sent", "delivered", "read"]);
    expect(await fateOf(h, text("919800000002"))).toEqual(["enqueued", "sent", "delivered", "read"]);
    now += 22 * 3600_000;
    expect(await fateOf(h, text())).toEqual(["enqueued", "failed 131047"]);
  });
});

describe("simulator: 24-hour window", () => {
  it("fails free-form messages to a guest who never wrote: enqueued, then failed 131047", async () => {
    h = await startSimulatorHarness();
    expect(await fateOf(h, text())).toEqual(["enqueued", "failed 131047"]);
  });

  it("delivers once the guest wrote, and fails again when that was more than 24 hours ago", async () => {
    let now = Date.parse("2026-03-01T10:00:00Z");
    h = await startSimulatorHarness({ now: () => now });
    await h.simulator.inbound({ from: guest, text: "Hi" });
    now += 23 * 3600_000;
    expect(await fateOf(h, text())).toEqual(["enqueued", "sent", "delivered", "read"]);
    now += 2 * 3600_000;
    expect(await fateOf(h, text())).toEqual(["enqueued", "failed 131047"]);
  });

  it("lets templates through outside the window", async () => {
    h = await startSimulatorHarness();
    expect(await fateOf(h, template(["Asha", "B-42", "Hotel Sea View", "12 March"]))).toEqual([
      "enqueued",
      "sent",
      "delivered",
      "read",
    ]);
  });
});

describe("simulator: templates", () => {
  it("fails an unknown template id and a wrong parameter count with 4003", async () => {
    h = await startSimulatorHarness();
    expect(await fateOf(h, template(["x"], "00000000-0000-4000-8000-000000000000"))).toEqual(["failed 4003"]);
    const id = acceptedId(await h.providers.whatsapp.send(template(["Asha", "B-42"])));
    await h.simulator.idle();
    expect(h.statusesFor(id)[0]?.error).toEqual({
      code: "4003",
      reason: "No Template Match (expected 4 params, got 2)",
    });
  });

  it("lists its templates through the adapter, and uses templates replaced through its API", async () => {
    h = await startSimulatorHarness();
    const listed = await h.providers.whatsapp.listTemplates();
    expect(listed.kind === "ok" && listed.templates.map((t) => [t.elementName, t.paramCount])).toContainEqual(
      ["booking_confirmation", 4],
    );
    const custom = { id: "custom-1", elementName: "hi", data: "Hi {{1}}" };
    const put = await fetch(`${h.simulator.url}/simulator/templates`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ templates: [custom] }),
    });
    expect(put.status).toBe(200);
    expect(await fateOf(h, template(["Asha"], "custom-1"))).toEqual([
      "enqueued",
      "sent",
      "delivered",
      "read",
    ]);
  });

  it("fails templates to a guest who opted out with 1012", async () => {
    h = await startSimulatorHarness();
    await h.simulator.userEvent(guest, "opted-out");
    expect(await fateOf(h, template(["Asha", "B-42", "Sea View", "12 March"]))).toEqual(["failed 1012"]);
  });
});

describe("simulator: sandbox", () => {
  it("delivers only to opted-in numbers; 'proxy <app>' opts in and opens the window", async () => {
    h = await startSimulatorHarness({ sandbox: true });
    expect(await fateOf(h, text())).toEqual(["failed 1008"]);
    const joined = await h.simulator.inbound({ from: guest, text: `proxy ${h.simulator.appName}` });
    expect(joined).toMatchObject({ delivered: true, appStatus: 200 });
    const userEvents = h.events().filter((e) => e.kind === "user");
    expect(userEvents.map((e) => e.kind === "user" && [e.phone, e.type])).toEqual([
      [guest, "sandbox-start"],
      [guest, "opted-in"],
    ]);
    expect(await fateOf(h, text())).toEqual(["enqueued", "sent", "delivered", "read"]);
  });

  it("takes at most maxSandboxUsers test numbers", async () => {
    h = await startSimulatorHarness({ sandbox: true, maxSandboxUsers: 2 });
    for (const phone of ["919800000101", "919800000102"]) {
      expect((await h.simulator.userEvent(phone, "opted-in")).delivered).toBe(true);
    }
    const res = await fetch(`${h.simulator.url}/simulator/user-event`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phone: "919800000103", type: "opted-in" }),
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ delivered: false, error: "the sandbox is full (2 test users)" });
    const refused = { ...template(["A", "B", "C", "D"]), to: "919800000103" };
    expect(await fateOf(h, refused)).toEqual(["failed 1008"]);
  });

  it("without --sandbox delivers to any number", async () => {
    h = await startSimulatorHarness({ knobs: { enforceSessionWindow: false } });
    expect(await fateOf(h, text("14155550100"))).toEqual(["enqueued", "sent", "delivered", "read"]);
  });
});

describe("simulator: SMS", () => {
  it("reports SUCCESS for a delivered SMS and FAILURE for …0003", async () => {
    h = await startSimulatorHarness();
    const ok = acceptedId(await h.providers.sms.send({ type: "text", to: guest, text: "Hi" }));
    const bad = acceptedId(await h.providers.sms.send({ type: "text", to: "919800000003", text: "Hi" }));
    await h.simulator.idle();
    expect(h.statusesFor(ok).map((e) => [e.status, e.providerStatus])).toEqual([["DELIVERED", "success"]]);
    expect(h.statusesFor(bad)).toMatchObject([
      { status: "FAILED", providerStatus: "failure", error: { code: "003", reason: "UNKNOWN_SUBSCRIBER" } },
    ]);
    expect(h.receiver.received.every((r) => r.method === "GET" && r.path === "/webhooks/gupshup/sms")).toBe(
      true,
    );
  });
});
