import { contacts, messageLogs, messageStatusEvents } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyHeldStatuses } from "./apply-held-statuses";
import { applyStatusUpdate } from "./apply-status-update";
import { rankOf } from "./message-status";

let t: TestHarness;
let contactId: number;
let seq = 0;
beforeAll(async () => {
  t = await createTestHarness();
  const [contact] = await t.database.db.insert(contacts).values({ phone: "919800000099" }).returning();
  contactId = contact?.id ?? 0;
  // Any update that lowers a message's rank fails the statement: "no downgrade is ever observed".
  await t.database.db.execute(sql`
    create function forbid_downgrade() returns trigger language plpgsql as $$
    begin
      if new.status_rank < old.status_rank then raise exception 'status downgrade % -> %', old.status, new.status; end if;
      return new;
    end $$`);
  await t.database.db.execute(
    sql`create trigger forbid_downgrade before update on message_logs for each row execute function forbid_downgrade()`,
  );
});
afterAll(() => t.close());

async function outbound(providerMessageId: string | null = `gs-${++seq}`) {
  const [row] = await t.database.db
    .insert(messageLogs)
    .values({
      contactId,
      channel: "WHATSAPP",
      direction: "OUTBOUND",
      phone: "919800000099",
      providerMessageId,
    })
    .returning();
  if (!row) throw new Error("insert failed");
  return row;
}

const at = (s: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, s));
const update = (id: string, providerStatus: string, second: number, extra: Record<string, string> = {}) => ({
  providerMessageId: id,
  providerStatus,
  occurredAt: at(second),
  eventKey: `st:${id}:${providerStatus}:${extra.errorCode ?? ""}`,
  ...extra,
});

async function reload(id: number) {
  const [row] = await t.database.db.select().from(messageLogs).where(eq(messageLogs.id, id));
  return row;
}

describe(applyStatusUpdate.name, () => {
  it("ends READ after read-then-delivered, keeping each step's own time", async () => {
    const m = await outbound();
    await applyStatusUpdate(t.ctx(), update(m.providerMessageId ?? "", "read", 30));
    expect((await reload(m.id))?.deliveredAt).toEqual(at(30));
    expect(await applyStatusUpdate(t.ctx(), update(m.providerMessageId ?? "", "delivered", 20))).toBe(
      "stale",
    );
    const row = await reload(m.id);
    expect(row?.status).toBe("READ");
    expect(row?.readAt).toEqual(at(30));
    expect(row?.deliveredAt).toEqual(at(20));
  });

  it("keeps READ when a failure arrives late, but records it; believes delivered after failed", async () => {
    const read = await outbound();
    await applyStatusUpdate(t.ctx(), update(read.providerMessageId ?? "", "read", 5));
    await applyStatusUpdate(
      t.ctx(),
      update(read.providerMessageId ?? "", "failed", 6, { errorCode: "131026" }),
    );
    expect((await reload(read.id))?.status).toBe("READ");
    const history = await t.database.db
      .select()
      .from(messageStatusEvents)
      .where(eq(messageStatusEvents.messageId, read.id));
    expect(history.map((h) => h.providerStatus).sort()).toEqual(["failed", "read"]);

    const failed = await outbound();
    await applyStatusUpdate(
      t.ctx(),
      update(failed.providerMessageId ?? "", "failed", 1, { errorCode: "4002", errorReason: "x" }),
    );
    expect(await reload(failed.id)).toMatchObject({
      status: "FAILED",
      errorCode: "PROVIDER_ERROR",
      providerErrorCode: "4002",
      providerErrorText: "x",
      errorMessage: "x",
    });
    await applyStatusUpdate(t.ctx(), update(failed.providerMessageId ?? "", "delivered", 2));
    expect((await reload(failed.id))?.status).toBe("DELIVERED");
  });

  it("records a redelivered event once", async () => {
    const m = await outbound();
    const event = update(m.providerMessageId ?? "", "delivered", 1);
    expect(await applyStatusUpdate(t.ctx(), event)).toBe("applied");
    expect(await applyStatusUpdate(t.ctx(), event)).toBe("duplicate");
  });

  it("correlates by the WhatsApp id when the Gupshup id is missing", async () => {
    const m = await outbound();
    await applyStatusUpdate(t.ctx(), {
      ...update(m.providerMessageId ?? "", "sent", 1),
      whatsappMessageId: `wamid.${m.id}`,
    });
    const late = {
      providerStatus: "read",
      whatsappMessageId: `wamid.${m.id}`,
      eventKey: `st:wamid.${m.id}:read`,
    };
    expect(await applyStatusUpdate(t.ctx(), late)).toBe("applied");
    expect((await reload(m.id))?.status).toBe("READ");
  });

  it("holds a status for an unknown id and applies it when the send result stores the id", async () => {
    const id = `gs-early-${++seq}`;
    expect(await applyStatusUpdate(t.ctx(), update(id, "sent", 1))).toBe("held");
    expect(await applyStatusUpdate(t.ctx(), update(id, "delivered", 2))).toBe("held");
    const m = await outbound(id);
    expect(await applyHeldStatuses(t.ctx(), m.id, { providerMessageId: id })).toBe(2);
    expect(await reload(m.id)).toMatchObject({ status: "DELIVERED", deliveredAt: at(2), sentAt: at(1) });
    expect(await applyHeldStatuses(t.ctx(), m.id, { providerMessageId: id })).toBe(0);
  });

  it("never strands a status that races with the send result storing its id", async () => {
    for (let i = 0; i < 30; i++) {
      const m = await outbound(null);
      const id = `gs-race-${++seq}`;
      const storeSendResult = withTransaction(t.ctx(), async (tx) => {
        await tx.db.update(messageLogs).set({ providerMessageId: id }).where(eq(messageLogs.id, m.id));
        await applyHeldStatuses(tx, m.id, { providerMessageId: id });
      });
      await Promise.all([storeSendResult, applyStatusUpdate(t.ctx(), update(id, "delivered", 1))]);
      expect((await reload(m.id))?.status).toBe("DELIVERED");
    }
  });

  it("ends at the highest-ranked status for any order and duplication of events, applied concurrently", async () => {
    const words = ["enqueued", "sent", "delivered", "read", "failed"];
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 5, maxLength: 5 }),
        fc.infiniteStream(fc.nat()),
        async (statuses, copies, order) => {
          const m = await outbound();
          const events = statuses.flatMap((s, i) =>
            Array.from({ length: copies[i] ?? 1 }, () => update(m.providerMessageId ?? "", s, i)),
          );
          const shuffled = events
            .map((e) => ({ e, k: order.next().value as number }))
            .sort((a, b) => a.k - b.k)
            .map(({ e }) => e);
          await Promise.all(shuffled.map((e) => applyStatusUpdate(t.ctx(), e)));
          const top = Math.max(...statuses.map((s) => rankOf(s) ?? 0));
          const row = await reload(m.id);
          expect(row?.statusRank).toBe(top);
          const stored = await t.database.db
            .select()
            .from(messageStatusEvents)
            .where(eq(messageStatusEvents.messageId, m.id));
          expect(stored).toHaveLength(statuses.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
