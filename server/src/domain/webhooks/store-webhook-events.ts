import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { webhookEvents } from "@server/db/schema/index";
import { onCommit } from "@server/db/transaction";
import { sql } from "drizzle-orm";
import {
  PROCESS_WEBHOOK_EVENT_MAX_ATTEMPTS,
  PROCESS_WEBHOOK_EVENT_QUEUE,
  WEBHOOK_EVENT_JOB_KEY_PREFIX,
} from "./enqueue-webhook-processing";
import {
  type StoreWebhookEventInput,
  type StoreWebhookEventResult,
  webhookEventRow,
} from "./store-webhook-event";

/**
 * Stores many received callbacks in one statement (one commit): every new row and, for the processable
 * ones, its processing job. Keys already stored, and a key repeated within `inputs`, are duplicates:
 * only the first occurrence of a new key is `created`. All or nothing: if the statement fails, nothing
 * of it is stored (the grouped store then stores the callbacks one by one). Results are in input order.
 */
export async function storeWebhookEvents(
  ctx: Ctx,
  inputs: readonly StoreWebhookEventInput[],
): Promise<StoreWebhookEventResult[]> {
  const keyOf = (input: StoreWebhookEventInput) => `${input.provider}\u0000${input.dedupeKey}`;
  const firstByKey = new Map<string, number>();
  inputs.forEach((input, i) => {
    if (!firstByKey.has(keyOf(input))) firstByKey.set(keyOf(input), i);
  });
  if (firstByKey.size === 0) return [];
  // Sorted by key: two batches that share keys (a provider's retry arriving in another batch) take the
  // unique index's row locks in the same order, so they wait for each other instead of deadlocking.
  const distinct = [...firstByKey.values()]
    .map((i) => inputs[i] as StoreWebhookEventInput)
    .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const event = ctx.db
    .insert(webhookEvents)
    .values(distinct.map((input) => webhookEventRow(ctx, input)))
    .onConflictDoNothing({ target: [webhookEvents.provider, webhookEvents.dedupeKey] })
    .returning({
      id: webhookEvents.id,
      provider: webhookEvents.provider,
      dedupeKey: webhookEvents.dedupeKey,
      status: webhookEvents.status,
    });
  // As storeWebhookEvent, for many rows: the events and their jobs in one statement, no NOTIFY in it.
  const rows = await queryRows<{ id: number | string; provider: string; dedupe_key: string }>(
    ctx.db,
    sql`with event as (${event.getSQL()}),
        job as (
          insert into jobs (queue, payload, max_attempts, singleton_key)
          select ${PROCESS_WEBHOOK_EVENT_QUEUE}::text, jsonb_build_object('webhookEventId', id),
                 ${PROCESS_WEBHOOK_EVENT_MAX_ATTEMPTS}::int4, ${WEBHOOK_EVENT_JOB_KEY_PREFIX}::text || id::text
            from event where status = 'RECEIVED'
          returning id
        )
        select id, provider, dedupe_key from event`,
  );
  const createdByKey = new Map(rows.map((row) => [`${row.provider}\u0000${row.dedupe_key}`, Number(row.id)]));
  if (distinct.some((input) => input.status === "RECEIVED" && createdByKey.has(keyOf(input))))
    onCommit(ctx, () => ctx.bus.notifyJobQueued(PROCESS_WEBHOOK_EVENT_QUEUE));
  return inputs.map((input, i) => {
    const id = createdByKey.get(keyOf(input));
    return id !== undefined && firstByKey.get(keyOf(input)) === i
      ? { id, created: true }
      : { created: false };
  });
}
