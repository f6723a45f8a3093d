// Gupshup v2 callbacks as the processing benchmarks send them, and the outbound messages their statuses
// are for.
import type pg from "pg";

/** Guest `n % guests`'s text, the n-th message overall (its own WhatsApp id). */
export function inboundText(n: number, guests: number): string {
  const phone = `9198${String(n % guests).padStart(8, "0")}`;
  return JSON.stringify({
    app: "BenchApp",
    timestamp: Date.now(),
    version: 2,
    type: "message",
    payload: {
      id: `wamid.in-${n}`,
      source: phone,
      type: "text",
      payload: { text: `bench message ${n}` },
      sender: { phone, name: "Guest" },
    },
  });
}

/** A status for seeded outbound message `m` (seedOutboundMessages). */
export function outboundStatus(m: number, type: "delivered" | "read"): string {
  return JSON.stringify({
    app: "BenchApp",
    timestamp: Date.now(),
    version: 2,
    type: "message-event",
    payload: {
      id: `wamid.out-${m}`,
      gsId: `gs-out-${m}`,
      type,
      destination: "919700000000",
      payload: { ts: String(Math.floor(Date.now() / 1000)) },
    },
  });
}

/** `count` accepted outbound WhatsApp messages, ids gs-out-0… and wamid.out-0…, with statistics. */
export async function seedOutboundMessages(db: pg.Client, count: number): Promise<void> {
  await db.query(
    `insert into message_logs (channel, direction, status, status_rank, phone, message, provider_message_id, whatsapp_message_id, provider_status, send_state, sent_at)
     select 'WHATSAPP', 'OUTBOUND', 'SENT', 30, '919700000000', 'seeded', 'gs-out-' || i, 'wamid.out-' || i, 'sent', 'ACCEPTED', now()
     from generate_series(0, $1::int - 1) i`,
    [count],
  );
  // A running hub's tables have statistics (autovacuum analyzes them); the seed must not leave the
  // planner guessing for the first minute, when it scans the whole table for a batch of statuses.
  await db.query("analyze message_logs");
}

/** Callbacks stored after webhook event `startId` that are not processed yet. */
export async function unprocessedSince(db: pg.Client, startId: number): Promise<number> {
  const { rows } = await db.query(
    "select count(*)::int as n from webhook_events where id > $1 and status = 'RECEIVED'",
    [startId],
  );
  return Number(rows[0].n);
}
