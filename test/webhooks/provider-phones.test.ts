import { contacts, messageLogs, messageStatusEvents } from "@server/db/schema/index";
import { buildWebhookTestApp, type WebhookTestApp } from "@test/webhook-harness";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Every number Gupshup sends is international (country code, no '+'): whatever digits arrive, in
// whichever callback, are stored as given and never read in DEFAULT_COUNTRY — even numbers the phone
// metadata calls invalid or too short (57123456789 would otherwise become 9157123456789).

let t: WebhookTestApp;
beforeAll(async () => {
  t = await buildWebhookTestApp({ DEFAULT_COUNTRY: "IN" });
});
afterAll(() => t.close());

/** Country code first (never 0), 7 to 15 digits in all, as E.164 allows. */
const internationalDigits = fc.stringMatching(/^[1-9]\d{6,14}$/);
const examples = [["57123456789"], ["14155550123"], ["79622237668"], ["4412345"]];
const runs = { numRuns: 6, examples };

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${Date.now()}-${seq++}`;

async function contactPhoneOf(providerMessageId: string): Promise<string | undefined> {
  const [row] = await t.database.db
    .select({ phone: contacts.phone, messagePhone: messageLogs.phone })
    .from(messageLogs)
    .innerJoin(contacts, eq(contacts.id, messageLogs.contactId))
    .where(eq(messageLogs.providerMessageId, providerMessageId));
  expect(row?.messagePhone).toBe(row?.phone);
  return row?.phone ?? undefined;
}

async function recipientOf(providerMessageId: string): Promise<string | null | undefined> {
  const [row] = await t.database.db
    .select({ recipient: messageStatusEvents.recipientPhone })
    .from(messageStatusEvents)
    .where(eq(messageStatusEvents.providerMessageId, providerMessageId));
  return row?.recipient;
}

describe("numbers from Gupshup are never given a country code", () => {
  it("v2 message", async () => {
    await fc.assert(
      fc.asyncProperty(internationalDigits, async (phone) => {
        const id = nextId("v2");
        await t.deliver({
          app: "DemoApp",
          timestamp: 1718003620228,
          version: 2,
          type: "message",
          payload: {
            id,
            source: phone,
            type: "text",
            payload: { text: "hi" },
            sender: { phone, name: "Guest" },
          },
        });
        expect(await contactPhoneOf(id)).toBe(phone);
      }),
      runs,
    );
  });

  it("v3 message", async () => {
    await fc.assert(
      fc.asyncProperty(internationalDigits, async (phone) => {
        const id = nextId("wamid.v3");
        await t.deliver({
          object: "whatsapp_business_account",
          entry: [
            {
              changes: [
                {
                  field: "messages",
                  value: {
                    contacts: [{ wa_id: phone, profile: { name: "Guest" } }],
                    messages: [
                      { from: phone, id, timestamp: "1718007189", type: "text", text: { body: "hi" } },
                    ],
                  },
                },
              ],
            },
          ],
        });
        expect(await contactPhoneOf(id)).toBe(phone);
      }),
      runs,
    );
  });

  it("SMS inbound", async () => {
    await fc.assert(
      fc.asyncProperty(internationalDigits, async (phone) => {
        const id = nextId("sms");
        const form = new URLSearchParams({ from: phone, text: "hi", to: "TESTIN", messageId: id });
        await t.deliver(form.toString(), {
          path: "/webhooks/gupshup/sms",
          contentType: "application/x-www-form-urlencoded",
        });
        expect(await contactPhoneOf(id)).toBe(phone);
      }),
      runs,
    );
  });

  it("SMS delivery report and WhatsApp status", async () => {
    await fc.assert(
      fc.asyncProperty(internationalDigits, async (phone) => {
        const dlr = nextId("dlr");
        const form = new URLSearchParams({
          externalId: dlr,
          status: "SUCCESS",
          phoneNo: phone,
          errCode: "000",
        });
        await t.deliver(form.toString(), {
          path: "/webhooks/gupshup/sms",
          contentType: "application/x-www-form-urlencoded",
        });
        expect(await recipientOf(dlr)).toBe(phone);
        const gsId = nextId("gs");
        await t.deliver({
          app: "DemoApp",
          timestamp: 1718003620228,
          version: 2,
          type: "message-event",
          payload: { id: gsId, type: "enqueued", destination: phone, payload: { whatsappMessageId: "w" } },
        });
        expect(await recipientOf(gsId)).toBe(phone);
      }),
      runs,
    );
  });

  it("user events (opt-out) and marketing preferences", async () => {
    await fc.assert(
      fc.asyncProperty(internationalDigits, async (phone) => {
        await t.deliver({
          app: "DemoApp",
          timestamp: 1718003620228 + seq++,
          version: 2,
          type: "user-event",
          payload: { phone, type: "opted-out" },
        });
        await t.deliver({
          app: "DemoApp",
          timestamp: 1718003620228,
          version: 2,
          type: "preference-event",
          payload: { phone, category: "marketing_messages", value: "stop", timestamp: 1718003600 + seq++ },
        });
        const [row] = await t.database.db.select().from(contacts).where(eq(contacts.phone, phone));
        expect(row).toMatchObject({ phone, whatsappOptedOut: true, marketingOptedOut: true });
      }),
      runs,
    );
  });
});
