import { contacts, webhookEvents } from "@server/db/schema/index";
import { type OutboundHarness, startOutboundHarness } from "@test/outbound-harness";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Meta's marketing preference end to end: the callback over the webhook route, the contact API, and the
// send API refusing MARKETING templates only (the simulator's stay_feedback is MARKETING, booking_
// confirmation UTILITY, as synced from its template list).

let h: OutboundHarness;
beforeAll(async () => {
  h = await startOutboundHarness({ DEFAULT_COUNTRY: "IN" });
});
afterAll(() => h.close());

const STAY_FEEDBACK = "9d2a6c4e-1b3f-4e5a-8c7d-6f5e4d3c2b03";
const BOOKING_CONFIRMATION = "6b1f7a52-2f0c-4c38-9a57-3c9d1f0e8a01";
const marketing = (phone: string) => ({
  phone,
  channel: "WHATSAPP",
  templateId: STAY_FEEDBACK,
  templateParams: ["Asha"],
});
const utility = (phone: string) => ({
  phone,
  channel: "WHATSAPP",
  templateId: BOOKING_CONFIRMATION,
  templateParams: ["Asha", "B-42", "Hotel Alpha", "12 June"],
});

const v2Preference = (phone: string, value: string, seconds: number) => ({
  app: "DemoApp",
  timestamp: seconds * 1000 + 500,
  version: 2,
  type: "preference-event",
  payload: { phone, type: "user_preferences", category: "marketing_messages", value, timestamp: seconds },
});
const v3Preference = (phone: string, value: string, seconds: number) => ({
  object: "whatsapp_business_account",
  entry: [
    {
      id: "112535025189792",
      changes: [
        {
          field: "user_preferences",
          value: {
            messaging_product: "whatsapp",
            metadata: { display_phone_number: "919100000000", phone_number_id: "158072934066266" },
            contacts: [{ profile: { name: "Olga" }, wa_id: phone }],
            user_preferences: [
              { wa_id: phone, detail: "", category: "marketing_messages", value, timestamp: seconds },
            ],
          },
        },
      ],
    },
  ],
});

/** Posts a callback and waits until the worker (already running in this harness) has processed it. */
async function deliver(body: object) {
  const res = await h.t.post(body);
  expect(res.statusCode).toBe(200);
  await h.waitFor(async () => {
    const pending = await h.t.database.db
      .select({ id: webhookEvents.id })
      .from(webhookEvents)
      .where(eq(webhookEvents.status, "RECEIVED"));
    return pending.length === 0;
  });
}

async function contactOf(phone: string) {
  const [row] = await h.t.database.db.select().from(contacts).where(eq(contacts.phone, phone));
  if (!row) throw new Error(`no contact ${phone}`);
  return (await h.api("GET", `/api/contacts/${row.id}`)).body.contact;
}

describe("Meta's marketing preference", () => {
  it("keeps the template category from the sync", async () => {
    const { body } = await h.api("GET", "/api/templates?channel=WHATSAPP");
    const byName = Object.fromEntries(body.templates.map((t: { name: string }) => [t.name, t]));
    expect(byName.stay_feedback.category).toBe("MARKETING");
    expect(byName.booking_confirmation.category).toBe("UTILITY");
  });

  it("stop refuses MARKETING templates with CONTACT_OPTED_OUT; replies and utility templates still go; the latest event wins", async () => {
    const phone = "919811100001";
    await h.guestWrites(phone, "Hello");
    expect(await contactOf(phone)).toMatchObject({ marketingOptedOut: false, marketingOptedOutAt: null });

    await deliver(v2Preference(phone, "stop", 1_800_000_000));
    expect(await contactOf(phone)).toMatchObject({
      marketingOptedOut: true,
      marketingOptedOutAt: new Date(1_800_000_000_000).toISOString(),
      whatsappOptedOut: false,
    });
    const refused = await h.send(marketing(phone));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("CONTACT_OPTED_OUT");
    expect(refused.body.error.message).toMatch(/marketing/i);
    expect(h.sendsTo(phone)).toEqual([]);
    expect((await h.send(utility(phone))).status).toBe(200);
    expect((await h.send({ phone, channel: "WHATSAPP", message: "Your taxi is here" })).status).toBe(200);

    // An older resume arriving late changes nothing; a newer one lifts the stop.
    await deliver(v2Preference(phone, "resume", 1_799_999_000));
    expect((await contactOf(phone)).marketingOptedOut).toBe(true);
    await deliver(v2Preference(phone, "resume", 1_800_000_100));
    expect(await contactOf(phone)).toMatchObject({ marketingOptedOut: false, marketingOptedOutAt: null });
    expect((await h.send(marketing(phone))).status).toBe(200);
  });

  it("reads Meta's v3 user_preferences, creating the contact with the number as given", async () => {
    const phone = "79622237668";
    await deliver(v3Preference(phone, "stop", 1_800_000_000));
    expect(await contactOf(phone)).toMatchObject({ phone, marketingOptedOut: true });
    const refused = await h.send({ ...marketing(`+${phone}`) });
    expect(refused.body.error?.code).toBe("CONTACT_OPTED_OUT");
  });

  it("records the opt-out when Meta refuses a marketing send with 131050", async () => {
    const phone = "919811100002";
    await h.guestWrites(phone, "Hi");
    const sent = await h.send(marketing(phone));
    expect(sent.status).toBe(200);
    const gsId = sent.body.message.providerMessageId;
    await deliver({
      app: "DemoApp",
      timestamp: 1_800_000_001_000,
      version: 2,
      type: "message-event",
      payload: {
        id: gsId,
        type: "failed",
        destination: phone,
        payload: { code: 131050, reason: "User has stopped marketing messages", ts: 1_800_000_001 },
      },
    });
    expect(await contactOf(phone)).toMatchObject({
      marketingOptedOut: true,
      marketingOptedOutAt: new Date(1_800_000_001_000).toISOString(),
    });
    expect((await h.send(marketing(phone))).body.error.code).toBe("CONTACT_OPTED_OUT");
  });
});

describe("phone numbers", () => {
  it("a staff-typed 98765 43210 is still read in DEFAULT_COUNTRY=IN", async () => {
    const res = await h.send({ phone: "98765 43210", channel: "SMS", message: "Welcome" });
    expect(res.status).toBe(200);
    expect(res.body.message.phone).toBe("919876543210");
  });

  it("a Colombian guest's number from Gupshup stays 57123456789, and the reply goes there", async () => {
    const phone = "57123456789";
    await h.guestWrites(phone, "Hola");
    const contact = await contactOf(phone);
    expect(contact.phone).toBe(phone);
    expect(
      await h.t.database.db
        .select()
        .from(contacts)
        .where(eq(contacts.phone, `91${phone}`)),
    ).toEqual([]);
    const [thread] = (await h.api("GET", `/api/contacts/${contact.id}`)).body.threads;
    const reply = await h.api("POST", `/api/threads/${thread.id}/reply`, {
      message: "Sí, tenemos parqueadero",
      channel: "WHATSAPP",
    });
    expect(reply.status).toBe(200);
    expect(reply.body.message.phone).toBe(phone);
    expect(h.sendsTo(phone).map((r) => r.kind)).toEqual(["whatsapp"]);
  });
});
