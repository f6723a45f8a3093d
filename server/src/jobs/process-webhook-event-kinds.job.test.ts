import { contacts, jobs, messageLogs, messageStatusEvents } from "@server/db/schema/index";
import type { BusEvent } from "@server/realtime/event-bus";
import { fixtureRequest } from "@test/gupshup-fixtures";
import { buildWebhookTestApp, type WebhookTestApp } from "@test/webhook-harness";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

// Stored callbacks that are statuses, consent changes, kinds we ignore, and failures.

let t: WebhookTestApp;
let published: BusEvent[] = [];
let unsubscribe = () => {};
beforeAll(async () => {
  t = await buildWebhookTestApp();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.reset();
  published = [];
  unsubscribe = t.deps.bus.subscribe((e) => published.push(e));
});
afterEach(() => unsubscribe());

const db = () => t.database.db;
const fixture = (name: string) => fixtureRequest(name).rawBody;
const eventRows = () => t.storedEvents();
const deliver = (body: string | object, path?: string, contentType?: string) =>
  t.deliver(body, { path, contentType });

describe("process-webhook-event: statuses, consent and the rest", () => {
  async function outbound(providerMessageId: string) {
    const [contact] = await db().insert(contacts).values({ phone: "919812345678" }).returning();
    const [row] = await db()
      .insert(messageLogs)
      .values({
        contactId: contact?.id,
        channel: "WHATSAPP",
        direction: "OUTBOUND",
        phone: "919812345678",
        providerMessageId,
        statusRank: 20,
        status: "SENT",
      })
      .returning();
    return row;
  }

  it("applies a v2 delivery report to the message its gsId names, keeping the event in its history (T11)", async () => {
    const message = await outbound("7daeb742-f2dc-4c09-90e0-d879d20f7b98");
    await deliver(fixture("v2-event-delivered.json"));
    const [row] = await db()
      .select()
      .from(messageLogs)
      .where(eq(messageLogs.id, message?.id ?? 0));
    expect(row).toMatchObject({ status: "DELIVERED", deliveredAt: new Date(1710930462000) });
    expect(row?.whatsappMessageId).toBe("wamid.HBgMOTE5ODEyMzQ1Njc4FQIAERgSQTY");
    const [event] = await eventRows();
    const history = await db().select().from(messageStatusEvents);
    expect(history).toMatchObject([
      { messageId: message?.id, providerStatus: "delivered", webhookEventId: event?.id },
    ]);
  });

  it("holds a status for an unknown id, answers 2xx, counts it, and marks the callback processed (scenario 7)", async () => {
    const before =
      (await t.deps.metrics.webhookEvents.get()).values.find((v) => v.labels.outcome === "status_held")
        ?.value ?? 0;
    await deliver(fixture("v2-event-read.json"));
    const held = await db().select().from(messageStatusEvents);
    expect(held).toMatchObject([{ messageId: null, providerStatus: "read", appliedAt: null }]);
    expect((await eventRows())[0]?.status).toBe("PROCESSED");
    const after = (await t.deps.metrics.webhookEvents.get()).values.find(
      (v) => v.labels.outcome === "status_held",
    )?.value;
    expect(after).toBe(before + 1);
  });

  it("records WhatsApp opt-out and opt-in user events on the contact (T15)", async () => {
    await deliver(fixture("v2-user-opted-out.json"));
    let [contact] = await db().select().from(contacts);
    expect(contact).toMatchObject({ phone: "919812345678", whatsappOptedOut: true, smsOptedOut: false });
    expect(published.map((e) => e.type)).toContain("contact.updated");
    const optIn = JSON.parse(fixture("v2-user-opted-in.json")) as { timestamp: number };
    await deliver({ ...optIn, timestamp: optIn.timestamp + 60_000 });
    [contact] = await db().select().from(contacts);
    expect(contact?.whatsappOptedOut).toBe(false);
  });

  it("ignores an opt-in older than the recorded opt-out: when in doubt, do not message the guest", async () => {
    const optOut = {
      app: "DemoApp",
      timestamp: 1_700_000_100_000,
      version: 2,
      type: "user-event",
      payload: { phone: "919812345678", type: "opted-out" },
    };
    await deliver(optOut);
    await deliver({
      ...optOut,
      timestamp: 1_700_000_000_000,
      payload: { ...optOut.payload, type: "opted-in" },
    });
    expect((await db().select().from(contacts))[0]?.whatsappOptedOut).toBe(true);
  });

  it.each([
    ["STOP", true],
    ["stop.", true],
    ["Unsubscribe", true],
    ["stop by the desk at 5?", false],
  ])("reads an inbound SMS %j as opt-out: %s, and keeps the message", async (text, optedOut) => {
    const form = new URLSearchParams({
      from: "919812345678",
      text,
      messageId: `sms-${text.length}`,
      timestamp: "1718007189000",
    });
    await deliver(form.toString(), "/webhooks/gupshup/sms", "application/x-www-form-urlencoded");
    expect((await db().select().from(messageLogs))[0]).toMatchObject({ channel: "SMS", message: text });
    expect((await db().select().from(contacts))[0]).toMatchObject({
      smsOptedOut: optedOut,
      whatsappOptedOut: false,
    });
  });

  it("reads START as an SMS opt-in after a STOP", async () => {
    const sms = (text: string, id: string, ts: number) =>
      new URLSearchParams({ from: "919812345678", text, messageId: id, timestamp: String(ts) }).toString();
    await deliver(
      sms("STOP", "s1", 1718007189000),
      "/webhooks/gupshup/sms",
      "application/x-www-form-urlencoded",
    );
    await deliver(
      sms("START", "s2", 1718007199000),
      "/webhooks/gupshup/sms",
      "application/x-www-form-urlencoded",
    );
    expect((await db().select().from(contacts))[0]?.smsOptedOut).toBe(false);
  });

  it.each([
    ["v2-billing-per-message.json", "billing event not used"],
    ["v2-template-status-update.json", "template event not used"],
    ["v2-user-sandbox-start-callback-set.json", "user event sandbox-start"],
    ["v2-account-event.json", 'callback type "account-event" is not handled'],
  ])("keeps %s and marks it IGNORED with the reason", async (name, reason) => {
    await deliver(fixture(name));
    expect((await eventRows())[0]).toMatchObject({ status: "IGNORED", lastError: reason });
    expect(await db().select().from(messageLogs)).toHaveLength(0);
  });

  it("reads the stored callback again through the provider's parser", async () => {
    expect((await t.post(fixture("v2-message-text.json"))).statusCode).toBe(200);
    const providers = t.deps.providers;
    t.deps.providers = {
      ...providers,
      whatsapp: {
        ...providers.whatsapp,
        parseWebhook: () => [{ kind: "unsupported", reason: "the provider's word" }],
      },
    };
    try {
      await t.drain();
    } finally {
      t.deps.providers = providers;
    }
    expect((await eventRows())[0]).toMatchObject({ status: "IGNORED", lastError: "the provider's word" });
    expect(await db().select().from(messageLogs)).toHaveLength(0);
  });

  it("parks an event that cannot succeed (no usable phone) as FAILED at once, with its error", async () => {
    await deliver({ type: "message", payload: { phone: "not a number", message: "hello" } });
    const [event] = await eventRows();
    expect(event).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(event?.lastError).toContain("not a phone number");
    expect(await db().select().from(messageLogs)).toHaveLength(0);
  });

  it("retries an event whose processing failed for a passing reason, with nothing half-applied", async () => {
    await db().execute(sql`alter table threads rename to threads_away`);
    try {
      expect((await t.post(fixture("v2-message-text.json"))).statusCode).toBe(200);
      await t.drain();
    } finally {
      await db().execute(sql`alter table threads_away rename to threads`);
    }
    // Backoff is jittered: a retry may already have come and failed within that drain too.
    const [failed] = await eventRows();
    expect(failed?.status).toBe("RECEIVED");
    expect(failed?.attempts).toBeGreaterThanOrEqual(1);
    expect(failed?.lastError).toContain("threads");
    expect(await db().select().from(contacts)).toHaveLength(0);
    await db()
      .update(jobs)
      .set({ runAt: new Date(0) });
    await t.drain();
    expect((await eventRows())[0]).toMatchObject({
      status: "PROCESSED",
      attempts: (failed?.attempts ?? 0) + 1,
    });
    expect(await db().select().from(messageLogs)).toHaveLength(1);
  });
});
