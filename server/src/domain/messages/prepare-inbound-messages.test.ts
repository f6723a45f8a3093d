import { bookings, contacts, messageLogs, threads, webhookEvents } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import type { InboundMessageEvent } from "@server/providers/inbound-event";
import { createBooking, createProperty, day, uniquePhone } from "@test/factories";
import { buildWebhookTestApp, type WebhookTestApp } from "@test/webhook-harness";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prepareInboundMessages } from "./prepare-inbound-messages";
import { recordInboundMessage } from "./record-inbound-message";

// A batch lane reads its guests' contacts, threads, bookings and ids up front (prepareInboundMessages),
// then records each message as one by one would. Callbacks posted before the runner drains are claimed
// as one batch: these guests' messages all go through the prepared lane.

let t: WebhookTestApp;
beforeAll(async () => {
  t = await buildWebhookTestApp();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.database.db.delete(bookings);
  await t.reset();
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A guest's text to our number `to`, in Meta's (v3) form, sent at `at`. */
function guestText(to: string, from: string, id: string, body: string, at: Date) {
  const value = {
    messaging_product: "whatsapp",
    metadata: { display_phone_number: to, phone_number_id: "158072934066266" },
    contacts: [{ profile: { name: "Guest" }, wa_id: from }],
    messages: [
      { from, id, timestamp: String(Math.floor(at.getTime() / 1000)), type: "text", text: { body } },
    ],
  };
  return {
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value }] }],
  };
}

async function guestWithThread(
  propertyId: number,
  thread: { status: "OPEN" | "RESOLVED"; lastMessageAt: Date },
) {
  const phone = uniquePhone();
  const [contact] = await t.database.db.insert(contacts).values({ phone, name: "Known" }).returning();
  if (!contact) throw new Error("contact insert returned nothing");
  const [row] = await t.database.db
    .insert(threads)
    .values({
      contactId: contact.id,
      propertyId,
      ...thread,
      resolvedAt: thread.status === "RESOLVED" ? thread.lastMessageAt : null,
    })
    .returning();
  if (!row) throw new Error("thread insert returned nothing");
  return { phone, contact, thread: row };
}

const threadsOf = (contactId: number) =>
  t.database.db.select().from(threads).where(eq(threads.contactId, contactId)).orderBy(asc(threads.id));
const messagesOf = (threadId: number) =>
  t.database.db
    .select()
    .from(messageLogs)
    .where(eq(messageLogs.threadId, threadId))
    .orderBy(asc(messageLogs.id));

describe(prepareInboundMessages.name, () => {
  it("gives a batch of guests' messages what one by one gives: threads, bookings, unread, duplicates", async () => {
    const number = `9172${String(Date.now()).slice(-8)}`;
    const property = await createProperty(t.database.db, { whatsappNumber: number });
    const other = await createProperty(t.database.db);
    const now = new Date();

    // Continues its open thread with both messages.
    const open = await guestWithThread(property.id, {
      status: "OPEN",
      lastMessageAt: new Date(now.getTime() - HOUR),
    });
    // Its resolved thread is within the reuse window (7 days) of the batch's earliest message, two hours
    // back, but not of its own message: a new thread opens.
    const lapsed = await guestWithThread(property.id, {
      status: "RESOLVED",
      lastMessageAt: new Date(now.getTime() - 7 * DAY - HOUR),
    });
    // Staying at the other property: a new thread there, linked to the booking.
    const staying = uniquePhone();
    const [stayingContact] = await t.database.db.insert(contacts).values({ phone: staying }).returning();
    const booking = await createBooking(t.database.db, {
      propertyId: other.id,
      contactId: stayingContact?.id,
      checkIn: day(now, -1),
      checkOut: day(now, 2),
    });
    // Writes again a message already stored: a duplicate, stored once.
    const repeat = await guestWithThread(property.id, {
      status: "OPEN",
      lastMessageAt: new Date(now.getTime() - HOUR),
    });
    await t.database.db.insert(messageLogs).values({
      contactId: repeat.contact.id,
      threadId: repeat.thread.id,
      channel: "WHATSAPP",
      direction: "INBOUND",
      status: "DELIVERED",
      phone: repeat.phone,
      message: "stored before",
      providerMessageId: "wamid.prepared-repeat",
    });
    // New: the first message creates the contact and thread, the second finds them.
    const newcomer = uniquePhone();

    const at = (msAgo: number) => new Date(now.getTime() - msAgo);
    for (const body of [
      guestText(number, newcomer, "wamid.prepared-new-1", "first", at(2 * HOUR)),
      guestText(number, open.phone, "wamid.prepared-open-1", "open one", at(2 * 60_000)),
      guestText(number, lapsed.phone, "wamid.prepared-lapsed", "back again", at(0)),
      guestText(number, staying, "wamid.prepared-staying", "towels please", at(0)),
      guestText(number, repeat.phone, "wamid.prepared-repeat", "stored before", at(0)),
      guestText(number, open.phone, "wamid.prepared-open-2", "open two", at(60_000)),
      guestText(number, newcomer, "wamid.prepared-new-2", "second", at(HOUR)),
    ])
      expect((await t.post(body)).statusCode).toBe(200);
    await t.drain();

    const events = await t.database.db.select().from(webhookEvents);
    expect(events.map((e) => e.status)).toEqual(Array(7).fill("PROCESSED"));

    const [openThread, ...moreOpen] = await threadsOf(open.contact.id);
    expect(moreOpen).toHaveLength(0);
    expect(openThread).toMatchObject({ unreadCount: 2, lastPreview: "open two" });
    expect((await messagesOf(open.thread.id)).map((m) => m.message)).toEqual(["open one", "open two"]);

    const lapsedThreads = await threadsOf(lapsed.contact.id);
    expect(lapsedThreads.map((th) => th.status)).toEqual(["RESOLVED", "OPEN"]);
    expect((await messagesOf(lapsedThreads[1]?.id ?? 0)).map((m) => m.message)).toEqual(["back again"]);

    const stayingThreads = await threadsOf(stayingContact?.id ?? 0);
    expect(stayingThreads).toMatchObject([{ bookingId: booking.id, propertyId: other.id, unreadCount: 1 }]);

    expect((await messagesOf(repeat.thread.id)).map((m) => m.message)).toEqual(["stored before"]);

    const newcomerContacts = await t.database.db.select().from(contacts).where(eq(contacts.phone, newcomer));
    expect(newcomerContacts).toHaveLength(1);
    const newcomerThreads = await threadsOf(newcomerContacts[0]?.id ?? 0);
    expect(newcomerThreads).toMatchObject([
      { propertyId: property.id, unreadCount: 2, lastPreview: "second" },
    ]);
  });

  it("checks a thread read for the batch's earliest message against each message's own time", async () => {
    const property = await createProperty(t.database.db);
    const now = new Date();
    // Resolved 7 days and 1 hour ago: reusable for a message two hours ago, not for one sent now.
    const lapsed = await guestWithThread(property.id, {
      status: "RESOLVED",
      lastMessageAt: new Date(now.getTime() - 7 * DAY - HOUR),
    });
    const text = (from: string, id: string, at: Date): InboundMessageEvent => ({
      kind: "message",
      channel: "WHATSAPP",
      providerMessageId: id,
      from,
      timestamp: at,
      content: { type: "text", text: "hello" },
    });
    const earlier = text(uniquePhone(), "wamid.prepared-earlier", new Date(now.getTime() - 2 * HOUR));
    const lapsedNow = text(lapsed.phone, "wamid.prepared-lapsed-now", now);
    const recorded = await withTransaction(t.ctx(), async (tx) => {
      await prepareInboundMessages(tx, [earlier, lapsedNow]);
      await recordInboundMessage(tx, { event: earlier });
      return recordInboundMessage(tx, { event: lapsedNow });
    });
    expect(recorded.outcome).toBe("recorded");
    const lapsedThreads = await threadsOf(lapsed.contact.id);
    expect(lapsedThreads.map((th) => th.status)).toEqual(["RESOLVED", "OPEN"]);
    expect(recorded.outcome === "recorded" && recorded.threadId).toBe(lapsedThreads[1]?.id);
  });

  it("serves a guest's rows read up front to their first message only; the next reads what it wrote", async () => {
    const property = await createProperty(t.database.db);
    const now = new Date();
    const known = await guestWithThread(property.id, {
      status: "OPEN",
      lastMessageAt: new Date(now.getTime() - HOUR),
    });
    const text = (id: string, at: Date): InboundMessageEvent => ({
      kind: "message",
      channel: "WHATSAPP",
      providerMessageId: id,
      from: known.phone,
      senderName: "Asha",
      timestamp: at,
      content: { type: "text", text: id },
    });
    const first = text("wamid.prepared-first", new Date(now.getTime() - 60_000));
    const second = text("wamid.prepared-second", now);
    await withTransaction(t.ctx(), async (tx) => {
      await prepareInboundMessages(tx, [first, second, first]);
      await recordInboundMessage(tx, { event: first });
      await recordInboundMessage(tx, { event: second });
      // The same id again in the batch (another callback carrying it): found, not stored twice.
      expect(await recordInboundMessage(tx, { event: first })).toMatchObject({ outcome: "duplicate" });
    });
    expect((await messagesOf(known.thread.id)).map((m) => m.message)).toEqual([
      "wamid.prepared-first",
      "wamid.prepared-second",
    ]);
    expect(await threadsOf(known.contact.id)).toMatchObject([
      { unreadCount: 2, lastPreview: "wamid.prepared-second" },
    ]);
  });
});
