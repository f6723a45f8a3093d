import { type SimulatorHarness, startSimulatorHarness } from "@test/simulator-harness";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// POST /simulator/inbound: a guest writes; the app gets a real Gupshup webhook and the caller learns
// the app's answer.

let h: SimulatorHarness;
beforeEach(async () => {
  h = await startSimulatorHarness();
});
afterEach(() => h.close());

async function inbound(body: object) {
  const res = await fetch(`${h.simulator.url}/simulator/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("POST /simulator/inbound", () => {
  it("delivers a v2 WhatsApp text message and answers with the app's status once it acknowledged", async () => {
    const res = await inbound({
      from: "919812345678",
      name: "Asha",
      text: "Is breakfast included?",
      channel: "WHATSAPP",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ delivered: true, appStatus: 200 });
    expect(h.receiver.received).toHaveLength(1);
    expect(h.receiver.received[0]?.path).toBe("/webhooks/gupshup");
    expect(h.receiver.received[0]?.json).toMatchObject({
      app: h.simulator.appName,
      version: 2,
      type: "message",
      payload: {
        type: "text",
        source: "919812345678",
        sender: { name: "Asha", country_code: "91", dial_code: "9812345678" },
      },
    });
    expect(h.events()).toMatchObject([
      {
        kind: "message",
        channel: "WHATSAPP",
        providerMessageId: res.body.messageId,
        from: "919812345678",
        senderName: "Asha",
        content: { type: "text", text: "Is breakfast included?" },
      },
    ]);
  });

  it("delivers media, and replies that point at a business message", async () => {
    const sent = await h.providers.whatsapp.send({
      type: "template",
      to: "919812345678",
      templateId: h.simulator.state.templates[0]?.id ?? "",
      params: ["A", "B", "C", "D"],
    });
    const gsId = sent.kind === "accepted" ? sent.providerMessageId : "";
    await h.simulator.idle();
    h.receiver.received.length = 0;
    const media = {
      type: "document",
      url: "https://files.example/passport.pdf",
      caption: "ID",
      filename: "passport.pdf",
    };
    expect((await inbound({ from: "919812345678", media, replyTo: gsId })).status).toBe(200);
    const [event] = h.events();
    expect(event).toMatchObject({
      kind: "message",
      content: {
        type: "media",
        mediaType: "document",
        url: media.url,
        caption: "ID",
        filename: "passport.pdf",
      },
      replyTo: {
        providerMessageId: gsId,
        whatsappMessageId: h.simulator.state.messages[0]?.whatsappMessageId,
      },
    });
  });

  it("delivers in v3 format when the callback format knob says so", async () => {
    h.simulator.setKnobs({ callbackFormat: "v3" });
    await inbound({ from: "919812345678", name: "Asha", text: "v3 hello" });
    expect(h.events()).toMatchObject([
      { kind: "message", senderName: "Asha", content: { text: "v3 hello" } },
    ]);
  });

  it("reports the app's refusal (502 with appStatus) and an unreachable app (502, appStatus null)", async () => {
    h.receiver.answerWith(503);
    expect(await inbound({ from: "919812345678", text: "hello" })).toMatchObject({
      status: 502,
      body: { delivered: false, appStatus: 503 },
    });
    h.simulator.setCallbackUrls({ whatsapp: "http://127.0.0.1:9/webhooks/gupshup" });
    expect(await inbound({ from: "919812345678", text: "hello" })).toMatchObject({
      status: 502,
      body: { delivered: false, appStatus: null },
    });
  });

  it("sends SMS replies (a STOP, say) as form posts to the SMS callback URL", async () => {
    const res = await inbound({ from: "919812345678", text: "STOP", channel: "SMS" });
    expect(res.status).toBe(200);
    expect(h.receiver.received[0]).toMatchObject({ method: "POST", path: "/webhooks/gupshup/sms" });
    expect(h.events()).toMatchObject([
      { kind: "message", channel: "SMS", from: "919812345678", content: { type: "text", text: "STOP" } },
    ]);
  });

  it("sends opt-out and opt-in user events", async () => {
    for (const type of ["opted-out", "opted-in"]) {
      const res = await fetch(`${h.simulator.url}/simulator/user-event`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ phone: "919812345678", type }),
      });
      expect(res.status).toBe(200);
    }
    expect(h.events().map((e) => e.kind === "user" && e.type)).toEqual(["opted-out", "opted-in"]);
  });

  it.each(["v2", "v3"] as const)(
    "delivers a tap on a template's quick-reply button (%s), and Meta's marketing stop and resume",
    async (format) => {
      h.simulator.setKnobs({ callbackFormat: format });
      await inbound({ from: "57123456789", button: { title: "Confirm booking", payload: "confirm-42" } });
      for (const type of ["marketing-stop", "marketing-resume"]) {
        const res = await fetch(`${h.simulator.url}/simulator/user-event`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ phone: "57123456789", type }),
        });
        expect(res.status).toBe(200);
      }
      expect(h.events()).toMatchObject([
        {
          kind: "message",
          from: "57123456789",
          content: {
            type: "reply",
            replyType: "template_button",
            title: "Confirm booking",
            payload: "confirm-42",
          },
        },
        { kind: "preference", phone: "57123456789", category: "marketing_messages", value: "stop" },
        { kind: "preference", phone: "57123456789", category: "marketing_messages", value: "resume" },
      ]);
    },
  );

  it.each([
    [{ from: "919812345678" }],
    [{ from: "919812345678", text: "a", button: { title: "Yes", payload: "y" } }],
    [{ from: "919812345678", text: "a", media: { type: "image", url: "https://x.test/a.jpg" } }],
    [{ from: "+919812345678", text: "a" }],
    [{ from: "919812345678", text: "a", channel: "EMAIL" }],
  ])("refuses %o with 400", async (body) => {
    expect((await inbound(body)).status).toBe(400);
    expect(h.receiver.received).toHaveLength(0);
  });
});
