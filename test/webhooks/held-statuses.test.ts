import { contacts, jobs, messageLogs, messageStatusEvents, webhookEvents } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { applyHeldStatuses } from "@server/domain/messages/apply-held-statuses";
import { EXPIRE_HELD_STATUSES_QUEUE } from "@server/domain/messages/expire-held-statuses";
import { recurringJobs } from "@server/jobs/registry";
import { queueRecurringJobs } from "@server/queue/recurring-jobs";
import { acceptedId } from "@test/simulator-harness";
import { type AppWithSimulator, startAppWithSimulator } from "@test/webhook-simulator";
import { eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// docs/RELIABILITY.md scenarios 6 and 7: statuses that arrive before (or without) the message they are about.

let s: AppWithSimulator;
beforeAll(async () => {
  s = await startAppWithSimulator({ HELD_STATUS_RETENTION_HOURS: "1" });
});
afterAll(() => s.close());
const db = () => s.t.database.db;

describe("statuses before the send result", () => {
  it("holds every callback that beats the send result, and applies them when the send side stores the id (scenario 6)", async () => {
    const [contact] = await db().insert(contacts).values({ phone: "919812340006" }).returning();
    // The send job inserted the message and is calling Gupshup; the id is not stored yet.
    const [message] = await db()
      .insert(messageLogs)
      .values({
        contactId: contact?.id,
        channel: "WHATSAPP",
        direction: "OUTBOUND",
        phone: "919812340006",
        sendState: "SENDING",
      })
      .returning();
    const result = await s.providers.whatsapp.send({
      type: "text",
      to: "919812340006",
      text: "Your room is ready",
    });
    const id = acceptedId(result);
    await s.simulator.idle();
    await s.t.drain();
    const held = await db().select().from(messageStatusEvents).where(isNull(messageStatusEvents.messageId));
    expect(held.map((h) => h.providerStatus).sort()).toEqual(["delivered", "enqueued", "read", "sent"]);
    expect((await s.t.storedEvents()).every((e) => e.status === "PROCESSED")).toBe(true);

    // The send job stores the result, and in the same transaction applies what was held (issue 4's verb).
    await withTransaction(s.t.ctx(), async (tx) => {
      await tx.db
        .update(messageLogs)
        .set({ providerMessageId: id, sendState: "ACCEPTED" })
        .where(eq(messageLogs.id, message?.id ?? 0));
      expect(await applyHeldStatuses(tx, message?.id ?? 0, { providerMessageId: id })).toBe(4);
    });
    const [row] = await db()
      .select()
      .from(messageLogs)
      .where(eq(messageLogs.id, message?.id ?? 0));
    expect(row).toMatchObject({ status: "READ", providerStatus: "read" });
    expect(row?.deliveredAt).not.toBeNull();
    expect(
      await db().select().from(messageStatusEvents).where(isNull(messageStatusEvents.messageId)),
    ).toHaveLength(0);
  });
});

describe("orphan statuses", () => {
  it("answers 2xx, holds the status, counts it, and expires it after the retention period (scenario 7)", async () => {
    const metric = async () =>
      (await s.t.deps.metrics.webhookEvents.get()).values.find((v) => v.labels.outcome === "status_held")
        ?.value ?? 0;
    const before = await metric();
    const orphan = {
      app: "DemoApp",
      timestamp: 1_764_000_000_000,
      version: 2,
      type: "message-event",
      payload: {
        id: "wamid.never-ours",
        gsId: "gs-never-ours",
        type: "delivered",
        destination: "919812340007",
        payload: { ts: 1_764_000_000 },
      },
    };
    expect((await s.t.post(orphan)).statusCode).toBe(200);
    await s.t.drain();
    const held = () =>
      db()
        .select()
        .from(messageStatusEvents)
        .where(eq(messageStatusEvents.providerMessageId, "gs-never-ours"));
    expect(await held()).toMatchObject([{ messageId: null, providerStatus: "delivered" }]);
    expect(await metric()).toBe(before + 1);
    const [event] = (await s.t.storedEvents()).filter((e) => e.dedupeKey === "st:gs-never-ours:delivered");
    expect(event).toMatchObject({ status: "PROCESSED", lastError: null });

    // Workers queue the sweep on a timer (startRecurringJobs), one at a time however many ask.
    await db().delete(jobs);
    await Promise.all([
      queueRecurringJobs(s.t.deps, recurringJobs()),
      queueRecurringJobs(s.t.deps, recurringJobs()),
    ]);
    const queued = (await db().select().from(jobs)).map((j) => j.queue);
    expect(queued.filter((q) => q === EXPIRE_HELD_STATUSES_QUEUE)).toEqual([EXPIRE_HELD_STATUSES_QUEUE]);
    expect(new Set(queued).size).toBe(queued.length);

    // Within the retention period (1 h here) the sweep keeps it; an hour and a bit later it is gone.
    await s.t.drain();
    expect(await held()).toHaveLength(1);
    await db().execute(
      sql`update message_status_events set created_at = now() - interval '61 minutes' where provider_message_id = 'gs-never-ours'`,
    );
    await db().execute(
      sql`update message_status_events set created_at = now() - interval '61 minutes' where message_id is not null`,
    );
    await queueRecurringJobs(s.t.deps, recurringJobs());
    await s.t.drain();
    expect(await held()).toHaveLength(0);
    // Statuses of known messages are history, never expired; the raw callback stays too.
    expect((await db().select().from(messageStatusEvents)).length).toBeGreaterThan(0);
    expect(
      await db()
        .select()
        .from(webhookEvents)
        .where(eq(webhookEvents.id, event?.id ?? 0)),
    ).toHaveLength(1);
  });
});
