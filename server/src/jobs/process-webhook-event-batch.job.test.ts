import {
  contacts,
  jobs,
  messageLogs,
  messageStatusEvents,
  threadEvents,
  threads,
  webhookEvents,
} from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { applyHeldStatuses } from "@server/domain/messages/apply-held-statuses";
import { PROCESS_WEBHOOK_EVENT_MAX_ATTEMPTS } from "@server/domain/webhooks/enqueue-webhook-processing";
import type { BusEvent } from "@server/realtime/event-bus";
import { createProperty, createStaff } from "@test/factories";
import { buildWebhookTestApp, type WebhookTestApp } from "@test/webhook-harness";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

// Batched processing (ADR 0007): callbacks posted before the runner drains are claimed together, their
// statuses applied by one set-based statement. The figures that show it was one batch: every status
// callback of the batch carries the same processed_at, every job the same completed_at.

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
const WORDS = ["enqueued", "sent", "delivered", "read"] as const;
const at = (step: number) => 1_764_000_000 + step;

function status(gsId: string, word: string, step = WORDS.indexOf(word as (typeof WORDS)[number])) {
  return {
    app: "DemoApp",
    timestamp: at(step) * 1000,
    version: 2,
    type: "message-event",
    payload: { id: gsId, gsId, type: word, destination: "919800000101", payload: { ts: at(step) } },
  };
}

async function outbound(gsId: string | null, sendState = "ACCEPTED") {
  const [contact] = await db()
    .insert(contacts)
    .values({ phone: `9198000${String(Math.floor(Math.random() * 1e5)).padStart(5, "0")}` })
    .returning();
  const [row] = await db()
    .insert(messageLogs)
    .values({
      contactId: contact?.id,
      channel: "WHATSAPP",
      direction: "OUTBOUND",
      phone: contact?.phone ?? "",
      status: "SENT",
      statusRank: 20,
      providerMessageId: gsId,
      sendState,
    })
    .returning();
  return row?.id ?? 0;
}

async function postAll(bodies: object[]) {
  for (const body of bodies) expect((await t.post(body)).statusCode).toBe(200);
}

const messageRow = async (id: number) =>
  (await db().select().from(messageLogs).where(eq(messageLogs.id, id)))[0];

/** A guest's text to our number `to`, in Meta's (v3) form, which names the number written to. */
function guestText(to: string, from: string, n: number) {
  const value = {
    messaging_product: "whatsapp",
    metadata: { display_phone_number: to, phone_number_id: "158072934066266" },
    contacts: [{ profile: { name: `Guest ${n}` }, wa_id: from }],
    messages: [
      {
        from,
        id: `wamid.batch-assign-${from}`,
        timestamp: String(at(n)),
        type: "text",
        text: { body: "Hi" },
      },
    ],
  };
  return {
    object: "whatsapp_business_account",
    entry: [{ id: "1", changes: [{ field: "messages", value }] }],
  };
}

describe("process-webhook-event in batches", () => {
  it("assigns the threads a batch opens for new guests in turn, each once, as one by one would", async () => {
    const number = `9171${String(Date.now()).slice(-8)}`;
    const property = await createProperty(db(), { whatsappNumber: number, assignmentPolicy: "ALL" });
    const agents = [await createStaff(db(), [property.id]), await createStaff(db(), [property.id])];
    const guests = Array.from({ length: 6 }, (_, n) => `9198770${String(n).padStart(5, "0")}`);
    await postAll(guests.map((from, n) => guestText(number, from, n)));
    await t.drain();
    const opened = await db().select().from(threads).where(eq(threads.propertyId, property.id));
    expect(opened).toHaveLength(6);
    const perAgent = agents.map((a) => opened.filter((row) => row.assigneeId === a.id).length);
    expect(perAgent).toEqual([3, 3]);
    const assignedEvents = await db()
      .select()
      .from(threadEvents)
      .where(
        inArray(
          threadEvents.threadId,
          opened.map((row) => row.id),
        ),
      );
    expect(assignedEvents.filter((e) => e.type === "assigned")).toHaveLength(6);
    // The desk hears of each assignment after the thread and its message.
    const forThread = (id: number) => published.filter((e) => e.threadId === id).map((e) => e.type);
    for (const row of opened) {
      const types = forThread(row.id);
      expect(types.indexOf("thread.assigned")).toBeGreaterThan(types.indexOf("message.received"));
    }
  });

  it("applies a shuffled, duplicated status storm of one batch: each message ends at its highest rank, once", async () => {
    const ids = [await outbound("gs-b-1"), await outbound("gs-b-2"), await outbound("gs-b-3")];
    const bodies = [
      ...WORDS.map((w) => status("gs-b-1", w)),
      ...WORDS.map((w) => status("gs-b-1", w)),
      status("gs-b-2", "delivered"),
      status("gs-b-2", "sent"),
      status("gs-b-2", "enqueued"),
      status("gs-b-3", "sent"),
    ];
    // A fixed shuffle (reverse interleaving), so "read" arrives before "enqueued" for gs-b-1.
    const shuffled = bodies.map((b, i) => ({ b, k: (i * 7) % bodies.length })).sort((x, y) => x.k - y.k);
    await postAll(shuffled.map((s) => s.b));
    await t.drain();

    expect(await messageRow(ids[0] ?? 0)).toMatchObject({
      status: "READ",
      statusRank: 60,
      providerStatus: "read",
    });
    const first = await messageRow(ids[0] ?? 0);
    // Each step keeps its own report's time; read backfills nothing earlier than its own delivered.
    expect(first?.sentAt).toEqual(new Date(at(1) * 1000));
    expect(first?.deliveredAt).toEqual(new Date(at(2) * 1000));
    expect(first?.readAt).toEqual(new Date(at(3) * 1000));
    expect(await messageRow(ids[1] ?? 0)).toMatchObject({ status: "DELIVERED", statusRank: 50 });
    expect(await messageRow(ids[2] ?? 0)).toMatchObject({
      status: "SENT",
      statusRank: 30,
      providerStatus: "sent",
    });

    const history = await db()
      .select()
      .from(messageStatusEvents)
      .where(inArray(messageStatusEvents.messageId, ids));
    expect(history).toHaveLength(4 + 3 + 1);
    const stored = await t.storedEvents();
    expect(stored.every((e) => e.status === "PROCESSED")).toBe(true);
    // One batch: one statement marked them all.
    expect(new Set(stored.map((e) => e.processedAt?.getTime())).size).toBe(1);
    const done = await db().select().from(jobs).where(eq(jobs.status, "COMPLETED"));
    expect(new Set(done.map((j) => j.completedAt?.getTime())).size).toBe(1);

    const changes = published.filter((e) => e.type === "message.status_changed");
    expect(changes.map((e) => (e.payload as { status: string }).status).sort()).toEqual([
      "DELIVERED",
      "READ",
      "SENT",
    ]);
  });

  it("learns the WhatsApp ids that a batch's statuses carry beside Gupshup's, for every message at once", async () => {
    const ids = [await outbound("gs-w-1"), await outbound("gs-w-2"), await outbound("gs-w-3")];
    const sent = (gsId: string, wamid: string) => ({
      ...status(gsId, "sent"),
      payload: { ...status(gsId, "sent").payload, id: wamid },
    });
    await postAll([sent("gs-w-1", "wamid.w-1"), sent("gs-w-2", "wamid.w-2"), status("gs-w-3", "sent")]);
    await t.drain();

    const rows = await Promise.all(ids.map(messageRow));
    expect(rows.map((r) => [r?.whatsappMessageId, r?.status])).toEqual([
      ["wamid.w-1", "SENT"],
      ["wamid.w-2", "SENT"],
      [null, "SENT"],
    ]);
    expect(new Set((await t.storedEvents()).map((e) => e.processedAt?.getTime())).size).toBe(1);
  });

  it("holds statuses that beat the send response inside a batch, and applies them when the id is stored", async () => {
    const id = await outbound(null, "SENDING");
    const known = await outbound("gs-b-known");
    await postAll([
      status("gs-b-late", "read"),
      status("gs-b-known", "delivered"),
      status("gs-b-late", "sent"),
    ]);
    await t.drain();
    const held = await db()
      .select()
      .from(messageStatusEvents)
      .where(eq(messageStatusEvents.providerMessageId, "gs-b-late"))
      .orderBy(asc(messageStatusEvents.id));
    expect(held.map((h) => [h.providerStatus, h.messageId])).toEqual([
      ["read", null],
      ["sent", null],
    ]);
    expect(await messageRow(known)).toMatchObject({ status: "DELIVERED" });

    await withTransaction(t.ctx(), async (tx) => {
      await tx.db
        .update(messageLogs)
        .set({ providerMessageId: "gs-b-late", sendState: "ACCEPTED" })
        .where(eq(messageLogs.id, id));
      expect(await applyHeldStatuses(tx, id, { providerMessageId: "gs-b-late" })).toBe(2);
    });
    expect(await messageRow(id)).toMatchObject({ status: "READ", providerStatus: "read" });
  });

  it("retries, then parks, only the poisoned callback of a batch; its neighbours are processed", async () => {
    const ids = [await outbound("gs-b-ok-1"), await outbound("gs-b-poison"), await outbound("gs-b-ok-2")];
    await db().execute(sql`
      create or replace function poison_status() returns trigger language plpgsql as $$
      begin
        if new.provider_message_id = 'gs-b-poison' then raise exception 'poisoned status'; end if;
        return new;
      end $$`);
    await db().execute(
      sql`create trigger poison_status before insert on message_status_events for each row execute function poison_status()`,
    );
    try {
      await postAll([
        status("gs-b-ok-1", "delivered"),
        status("gs-b-poison", "delivered"),
        status("gs-b-ok-2", "read"),
      ]);
      await t.drain();
      expect(await messageRow(ids[0] ?? 0)).toMatchObject({ status: "DELIVERED" });
      expect(await messageRow(ids[2] ?? 0)).toMatchObject({ status: "READ" });
      expect(await messageRow(ids[1] ?? 0)).toMatchObject({ status: "SENT" });
      const byKey = async (key: string) =>
        (await db().select().from(webhookEvents).where(eq(webhookEvents.dedupeKey, key)))[0];
      expect(await byKey("st:gs-b-ok-1:delivered")).toMatchObject({ status: "PROCESSED" });
      expect(await byKey("st:gs-b-poison:delivered")).toMatchObject({ status: "RECEIVED" });
      expect((await byKey("st:gs-b-poison:delivered"))?.lastError).toContain("message_status_events");
      const queued = await db().select().from(jobs).where(eq(jobs.status, "QUEUED"));
      expect(queued).toHaveLength(1);
      // Waiting to be retried, not parked: a loaded machine may already have run its 1 s retry once more.
      expect(queued[0]?.attempts).toBeGreaterThanOrEqual(1);
      expect(queued[0]?.attempts).toBeLessThan(PROCESS_WEBHOOK_EVENT_MAX_ATTEMPTS - 1);

      // Its last attempt, due now: it is parked as FAILED, nothing else changes.
      await db()
        .update(jobs)
        .set({ attempts: PROCESS_WEBHOOK_EVENT_MAX_ATTEMPTS - 1, runAt: sql`now()` })
        .where(eq(jobs.id, queued[0]?.id ?? 0));
      await t.drain();
      expect(await byKey("st:gs-b-poison:delivered")).toMatchObject({ status: "FAILED" });
      expect(await byKey("st:gs-b-ok-2:read")).toMatchObject({ status: "PROCESSED" });
    } finally {
      await db().execute(sql`drop trigger poison_status on message_status_events`);
    }
  });
});
