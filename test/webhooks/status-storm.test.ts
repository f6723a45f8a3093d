import { contacts, messageLogs, messageStatusEvents, webhookEvents } from "@server/db/schema/index";
import { rankOf } from "@server/domain/messages/message-status";
import { buildWebhookTestApp, WEBHOOK_SECRET, type WebhookTestApp } from "@test/webhook-harness";
import { inArray, like, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// docs/RELIABILITY.md scenario 2 over real HTTP: every status of a few outbound messages, each delivered 1–5 times,
// in v2 or v3 format, in a random order, all at once. The run count is STATUS_STORM_RUNS (CI: the
// default below; the scenario's full 500 runs: STATUS_STORM_RUNS=500, several minutes).
const RUNS = Number(process.env.STATUS_STORM_RUNS || 25);
const WORDS = ["enqueued", "sent", "delivered", "read", "failed"] as const;
type Word = (typeof WORDS)[number];

let t: WebhookTestApp;
let url = "";
let contactId = 0;
beforeAll(async () => {
  t = await buildWebhookTestApp();
  url = `${await t.app.listen({ port: 0, host: "127.0.0.1" })}/webhooks/gupshup?token=${WEBHOOK_SECRET}`;
  const [contact] = await t.database.db.insert(contacts).values({ phone: "919800000077" }).returning();
  contactId = contact?.id ?? 0;
  // Any update that lowers a message's rank fails: a downgrade cannot go unobserved.
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

let seq = 0;
const at = (step: number) => 1_764_000_000 + step; // seconds: each status's true time follows its rank order

function callback(gsId: string, waId: string, word: Word, format: "v2" | "v3"): object {
  const step = WORDS.indexOf(word);
  if (format === "v3") {
    const status: Record<string, unknown> = {
      id: waId,
      gs_id: gsId,
      status: word,
      timestamp: String(at(step)),
      recipient_id: "919800000077",
    };
    if (word === "failed") status.errors = [{ code: 131026, title: "Message undeliverable" }];
    return {
      object: "whatsapp_business_account",
      entry: [{ changes: [{ field: "messages", value: { statuses: [status] } }] }],
    };
  }
  const early = word === "enqueued" || word === "failed";
  const inner = word === "failed" ? { code: 131026, reason: "Message undeliverable" } : { ts: at(step) };
  return {
    app: "DemoApp",
    timestamp: at(step) * 1000,
    version: 2,
    type: "message-event",
    payload: { id: early ? gsId : waId, gsId, type: word, destination: "919800000077", payload: inner },
  };
}

describe("a duplicated, shuffled status storm over HTTP", () => {
  it("ends every message at its highest-ranked status, never observed going down, each distinct event stored once", async () => {
    const message = fc.record({
      statuses: fc.uniqueArray(fc.constantFrom(...WORDS), { minLength: 1, maxLength: WORDS.length }),
      copies: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: WORDS.length, maxLength: WORDS.length }),
      formats: fc.array(fc.constantFrom("v2" as const, "v3" as const), { minLength: 5, maxLength: 5 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(message, { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { minLength: 100, maxLength: 100 }),
        async (messages, order) => {
          const run = ++seq;
          const ids = messages.map((_, i) => ({
            gsId: `gs-storm-${run}-${i}`,
            waId: `wamid.storm-${run}-${i}`,
          }));
          await t.database.db.insert(messageLogs).values(
            ids.map((id) => ({
              contactId,
              channel: "WHATSAPP" as const,
              direction: "OUTBOUND" as const,
              phone: "919800000077",
              providerMessageId: id.gsId,
              status: "PENDING" as const,
              statusRank: 20,
            })),
          );
          const bodies = messages.flatMap((m, i) =>
            m.statuses.flatMap((word, j) =>
              Array.from({ length: m.copies[j] ?? 1 }, (_, k) =>
                callback(ids[i]?.gsId ?? "", ids[i]?.waId ?? "", word, m.formats[k] ?? "v2"),
              ),
            ),
          );
          const shuffled = bodies
            .map((b, i) => ({ b, k: order[i % order.length] ?? 0 }))
            .sort((x, y) => x.k - y.k);
          const answers = await Promise.all(
            shuffled.map(
              async ({ b }) =>
                (
                  await fetch(url, {
                    method: "POST",
                    headers: { "content-type": "application/json" },
                    body: JSON.stringify(b),
                  })
                ).status,
            ),
          );
          expect(answers.every((s) => s === 200)).toBe(true);
          await t.drain();

          const gsIds = ids.map((id) => id.gsId);
          const rows = await t.database.db
            .select()
            .from(messageLogs)
            .where(inArray(messageLogs.providerMessageId, gsIds));
          for (const [i, m] of messages.entries()) {
            const row = rows.find((r) => r.providerMessageId === ids[i]?.gsId);
            expect(row?.statusRank).toBe(Math.max(...m.statuses.map((w) => rankOf(w) ?? 0)));
          }
          const distinct = messages.reduce((n, m) => n + m.statuses.length, 0);
          const stored = await t.database.db
            .select()
            .from(webhookEvents)
            .where(like(webhookEvents.dedupeKey, `st:gs-storm-${run}-%`));
          expect(stored).toHaveLength(distinct);
          expect(stored.every((e) => e.status === "PROCESSED" && e.lastError === null)).toBe(true);
          const history = await t.database.db
            .select()
            .from(messageStatusEvents)
            .where(inArray(messageStatusEvents.providerMessageId, gsIds));
          expect(history).toHaveLength(distinct);
        },
      ),
      { numRuns: RUNS },
    );
    // Generous: a shared 2-core CI machine under a full parallel suite is several times slower than idle.
  }, 300_000);
});
