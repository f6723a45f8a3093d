import type { OutboundMessage } from "@server/providers/channel-provider";
import { type ScriptedServer, startScriptedServer } from "@test/scripted-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGupshupWhatsappProvider } from "./gupshup-whatsapp";

// The exact wire request for every outbound message type (docs/gupshup-formats.md §1.3, §1.4, §2).

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end('{"status":"submitted","messageId":"m-1"}');
  });
});
afterAll(() => server.close());

async function wireOf(message: OutboundMessage) {
  const provider = createGupshupWhatsappProvider({
    apiKey: "the-key",
    appName: "DemoApp",
    source: "917834811114",
    baseUrl: `${server.url}/`,
    timeoutMs: 2000,
  });
  expect(await provider.send(message)).toMatchObject({ kind: "accepted", providerMessageId: "m-1" });
  const req = server.received.at(-1);
  if (!req) throw new Error("no request received");
  const form = Object.fromEntries(new URLSearchParams(req.body));
  const json = (field: string) => (form[field] === undefined ? undefined : JSON.parse(form[field] ?? ""));
  return {
    req,
    form,
    message: json("message"),
    template: json("template"),
    postbackTexts: json("postbackTexts"),
  };
}

const to = "+919812345678";

describe("WhatsApp send request", () => {
  it("posts a form with apikey, channel, source, destination (no +) and src.name to /wa/api/v1/msg", async () => {
    const { req, form, message } = await wireOf({ type: "text", to, text: "Hi 👋", clientRef: "our-42" });
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/wa/api/v1/msg");
    expect(req.headers.apikey).toBe("the-key");
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(form).toMatchObject({
      channel: "whatsapp",
      source: "917834811114",
      destination: "919812345678",
      "src.name": "DemoApp",
    });
    expect(message).toEqual({ type: "text", text: "Hi 👋", msgid: "our-42" });
  });

  it.each<[string, OutboundMessage, object]>([
    [
      "image",
      { type: "media", to, mediaType: "image", url: "https://x.test/a.jpg", caption: "Pool" },
      {
        type: "image",
        originalUrl: "https://x.test/a.jpg",
        previewUrl: "https://x.test/a.jpg",
        caption: "Pool",
      },
    ],
    [
      "document",
      { type: "media", to, mediaType: "document", url: "https://x.test/files/Invoice%2042.pdf" },
      { type: "file", url: "https://x.test/files/Invoice%2042.pdf", filename: "Invoice 42.pdf" },
    ],
    [
      "named document",
      {
        type: "media",
        to,
        mediaType: "document",
        url: "https://x.test/f",
        filename: "Bill.pdf",
        caption: "c",
      },
      { type: "file", url: "https://x.test/f", filename: "Bill.pdf", caption: "c" },
    ],
    [
      "audio",
      { type: "media", to, mediaType: "audio", url: "https://x.test/v.mp3" },
      { type: "audio", url: "https://x.test/v.mp3" },
    ],
    [
      "video",
      { type: "media", to, mediaType: "video", url: "https://x.test/v.mp4", caption: "Tour" },
      { type: "video", url: "https://x.test/v.mp4", caption: "Tour" },
    ],
    [
      "location",
      { type: "location", to, latitude: 19.0759, longitude: 72.8776, name: "Hotel", address: "Marine Drive" },
      { type: "location", latitude: "19.0759", longitude: "72.8776", name: "Hotel", address: "Marine Drive" },
    ],
    [
      "quick reply",
      {
        type: "quick_reply",
        to,
        header: "Checkout",
        body: "Need a late checkout?",
        footer: "Reply below",
        buttons: [{ title: "Yes", payload: "late-yes" }, { title: "No" }],
      },
      {
        type: "quick_reply",
        content: { type: "text", header: "Checkout", text: "Need a late checkout?", caption: "Reply below" },
        options: [
          { type: "text", title: "Yes", postbackText: "late-yes" },
          { type: "text", title: "No", postbackText: "No" },
        ],
      },
    ],
    [
      "list",
      {
        type: "list",
        to,
        title: "Services",
        body: "What can we do?",
        buttonLabel: "Options",
        sections: [
          { title: "Transport", rows: [{ title: "Taxi", description: "To the airport", payload: "taxi" }] },
        ],
      },
      {
        type: "list",
        title: "Services",
        body: "What can we do?",
        globalButtons: [{ type: "text", title: "Options" }],
        items: [
          {
            title: "Transport",
            options: [{ type: "text", title: "Taxi", description: "To the airport", postbackText: "taxi" }],
          },
        ],
      },
    ],
  ])("encodes %s as Gupshup's message JSON", async (_label, outbound, expected) => {
    const { message, form } = await wireOf(outbound);
    expect(message).toEqual(expected);
    expect(form.encode).toBeUndefined();
  });

  it("sets encode=true when a list carries emoji", async () => {
    const { form } = await wireOf({
      type: "list",
      to,
      body: "Pick 🍕",
      buttonLabel: "Menu",
      sections: [{ rows: [{ title: "Pizza" }] }],
    });
    expect(form.encode).toBe("true");
  });

  it("sends templates to /wa/api/v1/template/msg with {id, params}, a media header and postbacks", async () => {
    const sent = await wireOf({
      type: "template",
      to,
      templateId: "c6aecef6-bcb0-4fb1-8100-28c094e3bc6b",
      params: ["Asha", "B-42"],
      header: { type: "document", url: "https://x.test/booking.pdf" },
      buttonPayloads: ["confirm-42"],
    });
    expect(sent.req.path).toBe("/wa/api/v1/template/msg");
    expect(sent.template).toEqual({ id: "c6aecef6-bcb0-4fb1-8100-28c094e3bc6b", params: ["Asha", "B-42"] });
    expect(sent.message).toEqual({
      type: "document",
      document: { link: "https://x.test/booking.pdf", filename: "booking.pdf" },
    });
    expect(sent.postbackTexts).toEqual([{ index: 0, text: "confirm-42" }]);
    const plain = await wireOf({ type: "template", to, templateId: "t-1", params: [] });
    expect(plain.message).toBeUndefined();
    expect(plain.template).toEqual({ id: "t-1", params: [] });
  });

  it.each<[string, object]>([
    ["image", { type: "image", image: { link: "https://x.test/h.jpg" } }],
    ["video", { type: "video", video: { link: "https://x.test/h.jpg" } }],
  ])("encodes a %s template header", async (type, expected) => {
    const header = { type: type as "image" | "video", url: "https://x.test/h.jpg" };
    const { message } = await wireOf({ type: "template", to, templateId: "t", params: [], header });
    expect(message).toEqual(expected);
  });

  it("sends a document header's own filename, not the URL's", async () => {
    const header = {
      type: "document" as const,
      url: "https://x.test/f/9f2c.pdf",
      filename: "Invoice B-42.pdf",
    };
    const { message } = await wireOf({ type: "template", to, templateId: "t", params: ["A"], header });
    expect(message).toEqual({
      type: "document",
      document: { link: "https://x.test/f/9f2c.pdf", filename: "Invoice B-42.pdf" },
    });
  });

  it("encodes a location template header", async () => {
    const header = { type: "location" as const, latitude: 1.5, longitude: 2.5 };
    const { message } = await wireOf({ type: "template", to, templateId: "t", params: [], header });
    expect(message).toEqual({ type: "location", location: { latitude: "1.5", longitude: "2.5" } });
  });
});
