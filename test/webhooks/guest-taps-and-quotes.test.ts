import { contacts, messageLogs } from "@server/db/schema/index";
import { fixtureRequest } from "@test/gupshup-fixtures";
import { apiKeyHeaders } from "@test/test-app";
import { buildWebhookTestApp, type WebhookTestApp } from "@test/webhook-harness";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// Taps and quotes over the real webhook route and the real API: what the guest tapped and which of our
// messages they answered must survive storage and come back in GET /api/messages, /api/messages/:id
// and the thread's timeline.

let t: WebhookTestApp;
let admin: { authorization: string };
beforeAll(async () => {
  t = await buildWebhookTestApp({ DEFAULT_COUNTRY: "IN" });
  admin = await apiKeyHeaders(t);
});
afterAll(() => t.close());
beforeEach(() => t.reset());

const api = async (url: string) => {
  const res = await t.app.inject({ method: "GET", url, headers: admin });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const fixture = (name: string) => JSON.parse(fixtureRequest(name).rawBody);

/** Everything the API says about the one message with this provider id: list, detail, timeline. */
async function readBack(providerMessageId: string) {
  const [row] = await t.database.db
    .select()
    .from(messageLogs)
    .where(eq(messageLogs.providerMessageId, providerMessageId));
  if (!row?.threadId) throw new Error(`message ${providerMessageId} was not stored in a thread`);
  const listed = (await api(`/api/messages?threadId=${row.threadId}`)).messages.find(
    (m: { id: number }) => m.id === row.id,
  );
  const detail = (await api(`/api/messages/${row.id}`)).message;
  const item = (await api(`/api/threads/${row.threadId}/timeline`)).items.find(
    (i: { kind: string; id: number }) => i.kind === "message" && i.id === row.id,
  );
  return { row, listed, detail, item };
}

/** A message we sent to the guest of this thread, as the send job leaves it once Gupshup accepted it. */
async function ourMessage(threadId: number, ids: { gsId: string; wamid?: string }, text: string) {
  const [thread] = await t.database.db.select().from(messageLogs).where(eq(messageLogs.threadId, threadId));
  const [row] = await t.database.db
    .insert(messageLogs)
    .values({
      contactId: thread?.contactId ?? null,
      threadId,
      channel: "WHATSAPP",
      direction: "OUTBOUND",
      status: "SENT",
      statusRank: 30,
      phone: thread?.phone ?? "",
      message: text,
      providerMessageId: ids.gsId,
      whatsappMessageId: ids.wamid ?? null,
      sendState: "ACCEPTED",
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

describe("taps on buttons and list rows, over the webhook route", () => {
  it.each([
    [
      "v2 template quick-reply button",
      "v2-message-quick-reply.json",
      {
        kind: "template_button",
        id: null,
        title: "Confirm",
        payload: "confirm-booking-42",
        description: null,
      },
    ],
    [
      "v2 interactive button",
      "v2-message-button-reply.json",
      {
        kind: "button_reply",
        id: "qr1",
        title: "Late checkout",
        payload: "late-checkout",
        description: null,
      },
    ],
    [
      "v2 list row",
      "v2-message-list-reply.json",
      {
        kind: "list_reply",
        id: "list1",
        title: "Airport pickup",
        payload: "svc-pickup",
        description: "Car from the airport",
      },
    ],
    [
      "v2 quick reply",
      "v2-message-quick-reply-interactive.json",
      { kind: "quick_reply", id: "qr-keep", title: "Yes, keep it", payload: "keep-room", description: null },
    ],
    [
      "v3 template button",
      "v3-message-button.json",
      { kind: "template_button", id: null, title: "Yes", payload: "yes-payload", description: null },
    ],
    [
      "v3 interactive button",
      "v3-message-interactive-button.json",
      {
        kind: "button_reply",
        id: "confirm-booking-42",
        title: "Confirm booking",
        payload: "confirm-booking-42",
        description: null,
      },
    ],
    [
      "v3 list row",
      "v3-message-interactive-list.json",
      { kind: "list_reply", id: "svc-spa", title: "Spa", payload: "svc-spa", description: "Book a massage" },
    ],
  ])(
    "keeps a %s on the message and answers it in the list, the detail and the timeline",
    async (_, name, expected) => {
      const body = fixture(name);
      await t.deliver(body);
      const id: string = body.payload?.id ?? body.entry[0].changes[0].value.messages[0].id;
      const { row, listed, detail, item } = await readBack(id);
      expect(row.message).toBe(expected.title);
      for (const presented of [listed, detail, item])
        expect(presented.interactive).toEqual({ ...expected, response: null, raw: null });
    },
  );

  it("keeps a flow's answers (nfm_reply) as JSON, and an interactive kind nobody maps yet with its raw content", async () => {
    await t.deliver(fixture("v3-message-nfm-reply.json"));
    await t.deliver(fixture("v2-message-nfm-reply.json"));
    await t.deliver(fixture("v3-message-interactive-unknown.json"));
    const v3Flow = await readBack("wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhgUM0J");
    expect(v3Flow.detail.interactive).toMatchObject({
      kind: "nfm_reply",
      title: "Sent",
      response: { flow_token: "checkin-42", arrival_time: "14:00" },
    });
    const v2Flow = await readBack("ABEGkZUTIXZ0Ago69N5XB9zTUbl-");
    expect(v2Flow.item.interactive.response).toEqual({
      flow_token: "checkin-42",
      arrival_time: "14:00",
      guests: 2,
    });
    const unknown = await readBack("wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhgUM0K");
    expect(unknown.listed.interactive).toEqual({
      kind: "call_permission_reply",
      id: null,
      title: "",
      payload: null,
      description: null,
      response: null,
      raw: {
        type: "call_permission_reply",
        call_permission_reply: { response: "accept", expiration_timestamp: 1718093597 },
      },
    });
  });
});

describe("reply quotes", () => {
  it("links a guest's reply to our message by Gupshup's id (v2 context.gsId) and by WhatsApp's id (v3 context.id)", async () => {
    await t.deliver(fixture("v2-message-text.json"));
    const first = await readBack("ABEGkZUTIXZ0Ago69N5XB9zTUbl-");
    const threadId = first.row.threadId as number;
    const confirm = await ourMessage(
      threadId,
      { gsId: "ee4a68a0-1203-4c85-8dc3-49d0b3226a35" },
      "Please confirm your booking",
    );
    const reminder = await ourMessage(
      threadId,
      { gsId: "4d0c7f7e-5555-4b0e-9d43-0c5a1f0e0001", wamid: "wamid.HBgLOTE5MTAwMDAwMDAwFQIAERgS" },
      "Your room is ready",
    );
    const tap = fixture("v2-message-quick-reply.json");
    tap.payload.id = "ABEGkZUTIXZ0Ago69N5XB9zTAP01";
    await t.deliver(tap);
    const byGsId = await readBack("ABEGkZUTIXZ0Ago69N5XB9zTAP01");
    for (const presented of [byGsId.listed, byGsId.detail, byGsId.item])
      expect(presented.replyTo).toEqual({
        messageId: confirm.id,
        providerMessageId: "gBEGkYaYVSEEAgnPFrOLcjkFjL8",
        gsId: "ee4a68a0-1203-4c85-8dc3-49d0b3226a35",
        text: "Please confirm your booking",
      });

    // v3: only WhatsApp's id (and a gs_id of a message we never sent).
    const v3 = fixture("v3-message-interactive-button.json");
    v3.entry[0].changes[0].value.messages[0].context.gs_id = "not-one-of-ours";
    await t.deliver(v3);
    const byWamid = await readBack("wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhgUM0I");
    expect(byWamid.detail.replyTo).toEqual({
      messageId: reminder.id,
      providerMessageId: "wamid.HBgLOTE5MTAwMDAwMDAwFQIAERgS",
      gsId: "not-one-of-ours",
      text: "Your room is ready",
    });
    expect(byWamid.detail.interactive.title).toBe("Confirm booking");
  });

  it("resolves a quote that arrived before we knew the quoted message's WhatsApp id once a status brings it", async () => {
    await t.deliver(fixture("v2-message-text.json"));
    const { row } = await readBack("ABEGkZUTIXZ0Ago69N5XB9zTUbl-");
    const gsId = "0f4f2c1a-7777-4a5b-8c9d-0e1f2a3b4c5d";
    const ours = await ourMessage(row.threadId as number, { gsId }, "Breakfast is served until 10");
    const quote = fixture("v2-message-text-in-reply.json");
    quote.payload.context = { id: "wamid.HBgMLATEID" };
    await t.deliver(quote);
    const before = await readBack(quote.payload.id);
    expect(before.detail.replyTo).toEqual({
      messageId: null,
      providerMessageId: "wamid.HBgMLATEID",
      gsId: null,
      text: null,
    });
    // The late "sent" status names both ids; from then on the quote resolves.
    await t.deliver({
      app: "DemoApp",
      timestamp: 1718003630000,
      version: 2,
      type: "message-event",
      payload: {
        id: "wamid.HBgMLATEID",
        gsId,
        type: "sent",
        destination: "919812345678",
        payload: { ts: 1718003629 },
      },
    });
    const after = await readBack(quote.payload.id);
    for (const presented of [after.listed, after.detail, after.item])
      expect(presented.replyTo).toMatchObject({ messageId: ours.id, text: "Breakfast is served until 10" });
  });

  it("never quotes another guest's message, even with its ids", async () => {
    await t.deliver(fixture("v2-message-text.json"));
    const asha = await readBack("ABEGkZUTIXZ0Ago69N5XB9zTUbl-");
    await ourMessage(
      asha.row.threadId as number,
      { gsId: "9b71295f-f7af-4c1f-b2b4-31b4a4867bad" },
      "For Asha",
    );
    const other = fixture("v2-message-text-in-reply.json");
    other.payload.source = "14155550123";
    other.payload.sender = { phone: "14155550123", name: "Sam" };
    await t.deliver(other);
    const sam = await readBack(other.payload.id);
    expect(sam.detail.replyTo).toMatchObject({ messageId: null, text: null });
    const [samContact] = await t.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.id, sam.row.contactId as number));
    expect(samContact?.phone).toBe("14155550123");
  });
});
