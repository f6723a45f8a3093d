import { acceptedId, type SimulatorHarness, startSimulatorHarness } from "@test/simulator-harness";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// A list message sent by the real WhatsApp adapter, checked by the simulator, and the guest's tap on a
// row coming back as Gupshup's list_reply (v2) or Meta's interactive list_reply (v3), parsed by the real
// webhook parser (docs/gupshup-formats.md §1.4, §4.2).

let h: SimulatorHarness;
beforeEach(async () => {
  h = await startSimulatorHarness();
});
afterEach(() => h.close());

const guest = "919812345600";
const list = {
  type: "list" as const,
  to: guest,
  clientRef: "commhub-42",
  title: "Your feedback",
  body: "How was your stay?",
  buttonLabel: "Rate us",
  sections: [
    {
      title: "Rating",
      rows: [5, 4, 3, 2, 1].map((n) => ({ title: `${n} - star`, payload: `csat-${n}` })),
    },
  ],
};

const lastMessage = () =>
  h
    .events()
    .filter((e) => e.kind === "message")
    .at(-1);

async function inbound(body: object) {
  const res = await fetch(`${h.simulator.url}/simulator/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("interactive messages through the simulator", () => {
  it("takes a list with Gupshup's form fields and keeps its rows", async () => {
    const id = acceptedId(await h.providers.whatsapp.send(list));
    const request = h.simulator.state.requests.find((r) => r.messageId === id);
    const sent = JSON.parse(request?.fields.message ?? "{}");
    expect(sent).toMatchObject({
      type: "list",
      title: "Your feedback",
      body: "How was your stay?",
      msgid: "commhub-42",
      globalButtons: [{ type: "text", title: "Rate us" }],
      items: [
        {
          title: "Rating",
          options: expect.arrayContaining([{ type: "text", title: "4 - star", postbackText: "csat-4" }]),
        },
      ],
    });
    expect(h.simulator.state.messages.find((m) => m.messageId === id)?.content).toEqual(sent);
  });

  it("refuses a list of more than 10 rows with 400, as the adapter would never send one", async () => {
    const res = await fetch(`${h.simulator.url}/wa/api/v1/msg`, {
      method: "POST",
      headers: { apikey: h.simulator.apiKey, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        channel: "whatsapp",
        source: h.simulator.source,
        destination: guest,
        "src.name": h.simulator.appName,
        message: JSON.stringify({
          type: "list",
          body: "b",
          globalButtons: [{ type: "text", title: "Pick" }],
          items: [{ options: Array.from({ length: 11 }, (_, i) => ({ type: "text", title: `r${i}` })) }],
        }),
      }).toString(),
    });
    expect(res.status).toBe(400);
  });

  it("delivers a tapped row as a v2 list_reply that the webhook parser reads as a reply with our payload", async () => {
    const id = acceptedId(await h.providers.whatsapp.send(list));
    const res = await inbound({ from: guest, choice: { messageId: id, title: "4 - star" } });
    expect(res.status).toBe(200);
    const body = h.receiver.received.find((r) => (r.json as { type?: string }).type === "message")?.json as {
      payload: Record<string, unknown>;
    };
    expect(body.payload).toMatchObject({
      type: "list_reply",
      source: guest,
      payload: { title: "4 - star", id: "commhub-42", reply: "4 - star 2", postbackText: "csat-4" },
      context: { gsId: id },
    });
    expect(lastMessage()).toMatchObject({
      kind: "message",
      from: guest,
      content: { type: "reply", replyType: "list_reply", title: "4 - star", payload: "csat-4" },
      replyTo: { providerMessageId: id },
    });
  });

  it("delivers the same tap in the v3 (Meta) format when the knob says so", async () => {
    await fetch(`${h.simulator.url}/simulator/knobs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ callbackFormat: "v3" }),
    });
    const id = acceptedId(await h.providers.whatsapp.send(list));
    expect((await inbound({ from: guest, choice: { messageId: id, title: "2 - star" } })).status).toBe(200);
    expect(lastMessage()).toMatchObject({
      kind: "message",
      content: { type: "reply", replyType: "list_reply", title: "2 - star", payload: "csat-2" },
    });
  });

  it("answers 404 for a choice the message does not offer", async () => {
    const id = acceptedId(await h.providers.whatsapp.send(list));
    expect((await inbound({ from: guest, choice: { messageId: id, title: "6 - star" } })).status).toBe(404);
    expect((await inbound({ from: guest, choice: { messageId: "nope", title: "4 - star" } })).status).toBe(
      404,
    );
  });
});
