import { TimelineResponse } from "@contract/timeline";
import { contacts, messageLogs, messageStatusEvents, threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { applyHeldStatuses } from "@server/domain/messages/apply-held-statuses";
import type { BusEvent } from "@server/realtime/event-bus";
import { acceptedId } from "@test/simulator-harness";
import { apiKeyHeaders } from "@test/test-app";
import { WEBHOOK_SECRET } from "@test/webhook-harness";
import { type AppWithSimulator, startAppWithSimulator } from "@test/webhook-simulator";
import { eq, inArray, like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// The pipeline end to end against the Gupshup simulator over real HTTP, and the README's curl example.

let s: AppWithSimulator;
beforeAll(async () => {
  s = await startAppWithSimulator();
});
afterAll(() => s.close());
beforeEach(async () => {
  await s.simulator.reset();
  await s.simulator.setKnobs({
    callbackRetries: 0,
    enforceSessionWindow: false,
    delaysMs: { enqueued: 0, sent: 0, delivered: 0, read: 0 },
  });
});
const db = () => s.t.database.db;
const appUrl = () => {
  const address = s.t.app.server.address();
  return typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "";
};

describe("the README's Test Webhook curl", () => {
  // curl -X POST http://localhost:4000/webhooks/gupshup -H "Content-Type: application/json" -d '{…}'
  const body = JSON.stringify({
    type: "message",
    payload: { phone: "919876543210", message: "Test inbound message" },
  });
  const curl = (query: string) =>
    fetch(`${appUrl()}/webhooks/gupshup${query}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
    });

  it("is refused without the secret, and with it creates the contact, the message and the thread", async () => {
    expect((await curl("")).status).toBe(401);
    const res = await curl(`?token=${WEBHOOK_SECRET}`);
    expect([res.status, await res.text()]).toEqual([200, ""]);
    await s.t.drain();
    const [contact] = await db().select().from(contacts).where(eq(contacts.phone, "919876543210"));
    expect(contact).toBeDefined();
    const [message] = await db()
      .select()
      .from(messageLogs)
      .where(eq(messageLogs.contactId, contact?.id ?? 0));
    expect(message).toMatchObject({
      direction: "INBOUND",
      channel: "WHATSAPP",
      message: "Test inbound message",
    });
    const [thread] = await db()
      .select()
      .from(threads)
      .where(eq(threads.id, message?.threadId ?? 0));
    expect(thread).toMatchObject({ contactId: contact?.id, unreadCount: 1, status: "OPEN" });
  });
});

describe("a guest writes through the simulator", () => {
  it("POST /simulator/inbound answers once the app stored it, and the message reaches the inbox", async () => {
    const seen: BusEvent[] = [];
    const unsubscribe = s.t.deps.bus.subscribe((e) => seen.push(e));
    const res = await fetch(`${s.simulator.url}/simulator/inbound`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        from: "919812345601",
        name: "Asha",
        text: "Is early check-in possible?",
        channel: "WHATSAPP",
      }),
    });
    const answer = (await res.json()) as { delivered: boolean; appStatus: number; messageId: string };
    expect(answer).toMatchObject({ delivered: true, appStatus: 200 });
    await s.t.drain();
    unsubscribe();
    const [message] = await db()
      .select()
      .from(messageLogs)
      .where(eq(messageLogs.providerMessageId, answer.messageId));
    expect(message).toMatchObject({
      phone: "919812345601",
      message: "Is early check-in possible?",
      direction: "INBOUND",
    });
    expect((await db().select().from(contacts).where(eq(contacts.phone, "919812345601")))[0]?.name).toBe(
      "Asha",
    );
    expect(seen.find((e) => e.type === "message.received")?.payload).toMatchObject({ id: message?.id });
    // What staff see: the thread's timeline through the API.
    const timeline = await s.t.app.inject({
      method: "GET",
      url: `/api/threads/${message?.threadId}/timeline`,
      headers: await apiKeyHeaders(s.t, "ADMIN"),
    });
    expect(TimelineResponse.parse(timeline.json()).items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "message",
          direction: "INBOUND",
          text: "Is early check-in possible?",
        }),
      ]),
    );
  });

  it("an SMS STOP through the simulator opts the guest out of SMS; a WhatsApp opt-out user event too", async () => {
    expect(
      (await s.simulator.inbound({ from: "919812345602", channel: "SMS", text: "STOP" })).delivered,
    ).toBe(true);
    expect((await s.simulator.userEvent("919812345602", "opted-out")).delivered).toBe(true);
    await s.t.drain();
    const [contact] = await db().select().from(contacts).where(eq(contacts.phone, "919812345602"));
    expect(contact).toMatchObject({ smsOptedOut: true, whatsappOptedOut: true });
  });
});

describe("a v3 status storm from the simulator's knobs", () => {
  it("duplicated, shuffled Meta-format callbacks end every message at READ, each status stored once", async () => {
    s.simulator.setKnobs({ callbackFormat: "v3", duplicateCallbacks: true, shuffleCallbacks: true });
    const [contact] = await db().insert(contacts).values({ phone: "919812345603" }).returning();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const [row] = await db()
        .insert(messageLogs)
        .values({
          contactId: contact?.id,
          channel: "WHATSAPP",
          direction: "OUTBOUND",
          phone: "919812345603",
          sendState: "SENDING",
        })
        .returning();
      const id = acceptedId(
        await s.providers.whatsapp.send({ type: "text", to: "919812345603", text: `Update ${i}` }),
      );
      ids.push(id);
      // As the send job does: store the id and apply whatever status already arrived for it.
      await withTransaction(s.t.ctx(), async (tx) => {
        await tx.db
          .update(messageLogs)
          .set({ providerMessageId: id, statusRank: 20, status: "SENT" })
          .where(eq(messageLogs.id, row?.id ?? 0));
        await applyHeldStatuses(tx, row?.id ?? 0, { providerMessageId: id });
      });
    }
    await s.simulator.idle();
    await s.t.drain();
    const rows = await db().select().from(messageLogs).where(inArray(messageLogs.providerMessageId, ids));
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill("READ"));
    const callbacks = s.simulator.callbacks().filter((c) => ids.includes(c.messageId ?? ""));
    expect(callbacks.length).toBe(5 * 4 * 2);
    expect(callbacks.every((c) => c.status === 200)).toBe(true);
    for (const id of ids) {
      const stored = await s.t.storedEvents();
      expect(stored.filter((e) => e.dedupeKey.startsWith(`st:${id}:`)).map((e) => e.status)).toEqual(
        Array(4).fill("PROCESSED"),
      );
      const history = await db()
        .select()
        .from(messageStatusEvents)
        .where(like(messageStatusEvents.eventKey, `st:${id}:%`));
      expect(history.map((h) => h.providerStatus).sort()).toEqual(["delivered", "enqueued", "read", "sent"]);
    }
  });
});
