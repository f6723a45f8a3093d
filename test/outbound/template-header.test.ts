import { messageLogs } from "@server/db/schema/index";
import { type OutboundHarness, startOutboundHarness } from "@test/outbound-harness";
import { createTestStaff, signIn } from "@test/staff-session";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Templates whose header is an image, video or document (issue 16): the send API takes the header's
// media, the adapter sends it as Gupshup's `message` field, and the simulator refuses a media-header
// template without it, as WhatsApp does. The real app, worker and simulator over HTTP.

const WELCOME_OFFER = "3e7b9f1a-5c2d-4a6b-9e8f-7d6c5b4a3e04"; // IMAGE header, 2 parameters
const CHECKIN_REMINDER = "0c8e4b1d-7a35-4d6e-b2f9-5e4a3c2b1d02"; // TEXT, 3 parameters
const INVOICE = "7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a05"; // DOCUMENT header, added below

let h: OutboundHarness;
beforeAll(async () => {
  h = await startOutboundHarness();
  h.simulator.state.templates.push({
    id: INVOICE,
    elementName: "stay_invoice",
    languageCode: "en",
    category: "UTILITY",
    data: "Dear {{1}}, your invoice is attached.",
    templateType: "DOCUMENT",
    status: "APPROVED",
  });
  const synced = await h.api("POST", "/api/templates/sync");
  expect(synced.status).toBe(200);
});
afterAll(() => h.close());

let next = 0;
const phone = () =>
  `9197${String(Date.now() % 1_000_000).padStart(6, "0")}${String(next++ % 100).padStart(2, "0")}`;
const messageCount = async () =>
  (await h.t.database.db.select({ n: sql<number>`count(*)::int` }).from(messageLogs))[0]?.n ?? 0;
const headerOf = (digits: string) => {
  const [request] = h.sendsTo(digits);
  return request?.fields.message === undefined ? undefined : JSON.parse(request.fields.message);
};

describe("template header media", () => {
  it("lists the header type so the composer can ask for it", async () => {
    const res = await h.api("GET", "/api/templates?channel=WHATSAPP");
    const byName = Object.fromEntries(res.body.templates.map((t: { name: string }) => [t.name, t]));
    expect(byName.welcome_offer.headerType).toBe("IMAGE");
    expect(byName.stay_invoice.headerType).toBe("DOCUMENT");
    expect(byName.checkin_reminder.headerType).toBeNull();
  });

  it("sends an image header as {type:image, image:{link}} and keeps it for retries", async () => {
    const digits = phone();
    const url = "https://cdn.example.com/offers/bar.jpg";
    const res = await h.send({
      phone: digits,
      channel: "WHATSAPP",
      templateId: WELCOME_OFFER,
      templateParams: ["Hotel Alpha", "Asha"],
      headerMedia: { url },
    });
    expect(res.status).toBe(200);
    expect(res.body.message.status).toBe("SENT");
    expect(h.sendsTo(digits).map((r) => r.kind)).toEqual(["template"]);
    expect(headerOf(digits)).toEqual({ type: "image", image: { link: url } });
    const accepted = h.simulator.state.messages.find((m) => m.destination === digits);
    expect(accepted?.content).toEqual({ type: "image", image: { link: url } });
    const stored = await h.message(res.body.message.id);
    expect(stored.metadata).toMatchObject({ templateHeader: { type: "image", url } });
  });

  it("sends the same header again on a retry", async () => {
    const digits = phone();
    const url = "https://cdn.example.com/offers/pool.png";
    h.simulator.setKnobs({ transientFailureNext: 1 });
    const res = await h.send({
      phone: digits,
      channel: "WHATSAPP",
      templateId: WELCOME_OFFER,
      templateParams: ["Hotel Alpha", "Asha"],
      headerMedia: { url },
    });
    await h.waitFor(async () => (await h.message(res.body.message.id)).status === "FAILED");
    const retry = await h.api("POST", `/api/messages/${res.body.message.id}/retry`);
    expect(retry.status).toBeLessThan(300);
    await h.waitFor(async () => h.sendsTo(digits).length === 2);
    const headers = h.sendsTo(digits).map((r) => JSON.parse(r.fields.message ?? "null"));
    expect(headers).toEqual([
      { type: "image", image: { link: url } },
      { type: "image", image: { link: url } },
    ]);
  });

  it("sends a document header with its filename through the thread reply", async () => {
    const digits = phone();
    await h.guestWrites(digits, "Can I have my invoice?");
    const [inbound] = await h.t.database.db.select().from(messageLogs).where(eq(messageLogs.phone, digits));
    const session = await signIn(h.t, await createTestStaff(h.t, { role: "ADMIN" }));
    const url = "https://cdn.example.com/invoices/9f2c.pdf";
    const res = await h.api(
      "POST",
      `/api/threads/${inbound?.threadId}/reply`,
      {
        channel: "WHATSAPP",
        templateId: INVOICE,
        templateParams: ["Asha"],
        headerMedia: { url, filename: "Invoice B-42.pdf" },
      },
      session.headers,
    );
    expect(res.status).toBe(200);
    expect(headerOf(digits)).toEqual({
      type: "document",
      document: { link: url, filename: "Invoice B-42.pdf" },
    });
  });

  it("takes a file uploaded to the thread as the header (the composer's Attach a file)", async () => {
    const digits = phone();
    await h.guestWrites(digits, "Is there a happy hour?");
    const [inbound] = await h.t.database.db.select().from(messageLogs).where(eq(messageLogs.phone, digits));
    const session = await signIn(h.t, await createTestStaff(h.t, { role: "ADMIN" }));
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    const up = await fetch(`${h.url}/api/threads/${inbound?.threadId}/attachments?filename=bar.png`, {
      method: "POST",
      headers: { "content-type": "image/png", ...session.headers },
      body: png,
    });
    expect(up.status).toBe(201);
    const { attachment } = (await up.json()) as { attachment: { id: number } };
    const reply = (templateId: string, templateParams: string[]) =>
      h.api(
        "POST",
        `/api/threads/${inbound?.threadId}/reply`,
        { channel: "WHATSAPP", templateId, templateParams, attachmentId: attachment.id },
        session.headers,
      );
    const wrongKind = await reply(INVOICE, ["Asha"]);
    expect([wrongKind.status, wrongKind.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(wrongKind.body.error.message).toMatch(/^media\.type: .*document header/);
    const res = await reply(WELCOME_OFFER, ["Hotel Alpha", "Asha"]);
    expect(res.status).toBe(200);
    const header = headerOf(digits);
    expect(header.type).toBe("image");
    expect(header.image.link).toMatch(/\/media\/outbound\/[0-9a-f]+\.png$/);
  });

  const refusals: Array<[string, Record<string, unknown>, string, RegExp]> = [
    [
      "an image-header template without headerMedia",
      { templateId: WELCOME_OFFER, templateParams: ["Hotel Alpha", "Asha"] },
      "headerMedia",
      /image header/,
    ],
    [
      "a text template with headerMedia",
      {
        templateId: CHECKIN_REMINDER,
        templateParams: ["Asha", "Hotel Alpha", "2 pm"],
        headerMedia: { url: "https://cdn.example.com/x.jpg" },
      },
      "headerMedia",
      /no image, video or document header/,
    ],
    [
      "a plain http header link",
      {
        templateId: WELCOME_OFFER,
        templateParams: ["Hotel Alpha", "Asha"],
        headerMedia: { url: "http://cdn.example.com/x.jpg" },
      },
      "headerMedia.url",
      /https/,
    ],
    [
      "headerMedia without a template",
      { message: "hi", headerMedia: { url: "https://cdn.example.com/x.jpg" } },
      "headerMedia",
      /without templateId/,
    ],
  ];
  it.each(refusals)(
    "refuses %s with 400 naming the field, storing nothing",
    async (_n, body, field, message) => {
      const digits = phone();
      const before = await messageCount();
      const res = await h.send({ phone: digits, channel: "WHATSAPP", ...body });
      expect([res.status, res.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.message.startsWith(`${field}:`)).toBe(true);
      expect(await messageCount()).toBe(before);
      expect(h.sendsTo(digits)).toEqual([]);
    },
  );
});

describe("the simulator's template endpoint", () => {
  const post = (fields: Record<string, string>) =>
    fetch(`${h.simulator.url}/wa/api/v1/template/msg`, {
      method: "POST",
      headers: { apikey: h.simulator.apiKey, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        channel: "whatsapp",
        source: h.simulator.source,
        "src.name": h.simulator.appName,
        destination: phone(),
        ...fields,
      }).toString(),
    });
  const template = JSON.stringify({ id: WELCOME_OFFER, params: ["Hotel Alpha", "Asha"] });

  it("answers 400 like Gupshup when a media-header template comes without its media", async () => {
    const res = await post({ template });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      status: "error",
      message: expect.stringMatching(/image header/),
    });
  });

  it("answers 400 for a header of the wrong type, 200 for the right one", async () => {
    const wrong = JSON.stringify({ type: "video", video: { link: "https://x.test/a.mp4" } });
    expect((await post({ template, message: wrong })).status).toBe(400);
    const right = JSON.stringify({ type: "image", image: { link: "https://x.test/a.jpg" } });
    expect((await post({ template, message: right })).status).toBe(200);
  });
});
