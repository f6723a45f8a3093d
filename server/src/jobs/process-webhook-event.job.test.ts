import {
  contacts,
  jobs,
  messageLogs,
  messageStatusEvents,
  threads,
  webhookEvents,
} from "@server/db/schema/index";
import type { BusEvent } from "@server/realtime/event-bus";
import { createProperty, createStaff } from "@test/factories";
import { fixtureRequest } from "@test/gupshup-fixtures";
import { buildWebhookTestApp, type WebhookTestApp } from "@test/webhook-harness";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

let t: WebhookTestApp;
let published: BusEvent[] = [];
let unsubscribe = () => {};
beforeAll(async () => {
  t = await buildWebhookTestApp();
});
afterAll(() => t.close());
beforeEach(async () => {
  for (const table of [messageStatusEvents, messageLogs, threads, contacts, webhookEvents, jobs])
    await t.database.db.delete(table);
  published = [];
  unsubscribe = t.deps.bus.subscribe((e) => published.push(e));
});
afterEach(() => unsubscribe());

const db = () => t.database.db;
const fixture = (name: string) => fixtureRequest(name).rawBody;
const eventRows = () => t.storedEvents();
async function deliver(body: string | object, path?: string, contentType?: string) {
  expect((await t.post(body, { path, contentType })).statusCode).toBe(200);
  await t.drain();
}

const T6 = {
  app: "DemoApp",
  timestamp: 1580227766370,
  version: 2,
  type: "message",
  payload: {
    id: "ABEGkYaYVSEEAhAL3SLAWwHKeKrt6s3FKB0c",
    source: "918198112114",
    type: "text",
    payload: { text: "Hi" },
    sender: { phone: "918198112114", name: "Andy", country_code: "91", dial_code: "8198112114" },
  },
};

describe("process-webhook-event: inbound messages", () => {
  it("records a v2 text (T6): contact with the sender's name, message at provider time, new thread unread 1", async () => {
    await deliver(T6);
    const [contact] = await db().select().from(contacts);
    expect(contact).toMatchObject({ phone: "918198112114", name: "Andy" });
    const [message] = await db().select().from(messageLogs);
    expect(message).toMatchObject({
      contactId: contact?.id,
      channel: "WHATSAPP",
      direction: "INBOUND",
      providerMessageId: "ABEGkYaYVSEEAhAL3SLAWwHKeKrt6s3FKB0c",
      message: "Hi",
      sentAt: new Date("2020-01-28T16:09:26.370Z"),
      providerTimestamp: new Date("2020-01-28T16:09:26.370Z"),
    });
    const [thread] = await db().select().from(threads);
    expect(thread).toMatchObject({
      id: message?.threadId,
      contactId: contact?.id,
      status: "OPEN",
      unreadCount: 1,
      lastPreview: "Hi",
      lastInboundChannel: "WHATSAPP",
      lastWhatsappInboundAt: new Date("2020-01-28T16:09:26.370Z"),
    });
    expect((await eventRows())[0]).toMatchObject({ status: "PROCESSED", attempts: 1, lastError: null });
    expect(published.map((e) => e.type).sort()).toEqual([
      "message.received",
      "thread.created",
      "thread.updated",
    ]);
    const received = published.find((e) => e.type === "message.received");
    expect(received).toMatchObject({ threadId: thread?.id, payload: { id: message?.id, message: "Hi" } });
  });

  it("records the spec's test payload (T7) and a later SMS from the same guest in the same thread (T8)", async () => {
    await deliver(fixture("spec-test-message-sms.json"));
    await deliver({
      type: "message",
      payload: { phone: "+91 98765 43210", message: "again", messageId: "gs-in-2", channel: "sms" },
    });
    const rows = await db().select().from(messageLogs).orderBy(messageLogs.id);
    expect(rows.map((m) => [m.channel, m.phone, m.message])).toEqual([
      ["SMS", "919876543210", "SMS via test payload"],
      ["SMS", "919876543210", "again"],
    ]);
    expect(new Set(rows.map((m) => m.threadId)).size).toBe(1);
    expect(await db().select().from(contacts)).toHaveLength(1);
    const [thread] = await db().select().from(threads);
    expect(thread).toMatchObject({ unreadCount: 2, lastInboundChannel: "SMS" });
    expect(thread?.lastSmsInboundAt).not.toBeNull();
  });

  it("records a message once when a second callback (here a v3 batch) carries the same id (T9)", async () => {
    await deliver(T6);
    const batch = {
      object: "whatsapp_business_account",
      entry: [
        {
          changes: [
            {
              field: "messages",
              value: {
                contacts: [{ wa_id: "918198112114", profile: { name: "Andy" } }],
                messages: [
                  {
                    from: "918198112114",
                    id: T6.payload.id,
                    timestamp: "1580227766",
                    type: "text",
                    text: { body: "Hi" },
                  },
                  {
                    from: "918198112114",
                    id: "wamid.second",
                    timestamp: "1580227767",
                    type: "text",
                    text: { body: "Still there?" },
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    await deliver(batch);
    expect((await db().select().from(messageLogs)).map((m) => m.message).sort()).toEqual([
      "Hi",
      "Still there?",
    ]);
    expect((await db().select().from(threads))[0]?.unreadCount).toBe(2);
    expect((await eventRows()).map((e) => e.status)).toEqual(["PROCESSED", "PROCESSED"]);
  });

  it("reopens a resolved thread when the guest writes again", async () => {
    await deliver(T6);
    await db().update(threads).set({ status: "RESOLVED", resolvedAt: new Date(), unreadCount: 0 });
    await deliver({ ...T6, timestamp: T6.timestamp + 60_000, payload: { ...T6.payload, id: "wamid.later" } });
    const all = await db().select().from(threads);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ status: "OPEN", resolvedAt: null, unreadCount: 1 });
  });

  it("opens the thread in the property whose number the guest wrote to, and auto-assigns it there", async () => {
    const property = await createProperty(db(), { whatsappNumber: "919100000000", assignmentPolicy: "ALL" });
    const staff = await createStaff(db(), [property.id]);
    await deliver(fixture("v3-message-text.json"));
    const [thread] = await db().select().from(threads);
    expect(thread).toMatchObject({ propertyId: property.id, assigneeId: staff.id, unreadCount: 1 });
    const [message] = await db().select().from(messageLogs);
    expect(message).toMatchObject({ message: "Is the pool open?", threadId: thread?.id });
    expect(published.find((e) => e.type === "message.received")?.propertyId).toBe(property.id);
  });

  it("records media with its type, caption, URL and mime type as PENDING, and queues its download", async () => {
    // Nothing listens on port 9: the download fails for a passing reason and is retried later.
    const url = "http://127.0.0.1:9/wa/media/m-uuid?download=false";
    await deliver(fixture("v2-message-image.json").replace(/https:\/\/filemanager[^"]+/, url));
    const [message] = await db().select().from(messageLogs);
    expect(message).toMatchObject({
      message: "receipt",
      mediaType: "image",
      mediaCaption: "receipt",
      mediaUrl: url,
      mediaMimeType: "image/jpeg",
      mediaStatus: "PENDING",
    });
    const queued = await db().select().from(jobs).where(eq(jobs.queue, "fetch-inbound-media"));
    expect(queued.map((j) => j.payload)).toEqual([{ messageId: message?.id }]);
  });
});

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
      expect((await t.post(T6)).statusCode).toBe(200);
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
