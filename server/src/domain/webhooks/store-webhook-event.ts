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

export type StoreWebhookEventInput = {
  provider: string;
  dedupeKey: string;
  /** message | status | user | billing | template | unsupported | batch | unparseable */
  kind: string;
  /** RECEIVED (processed by a job) or UNPARSEABLE (kept for a person; nothing to process). */
  status: "RECEIVED" | "UNPARSEABLE";
  rawBody: string;
  bodyEncoding: "utf8" | "base64";
  contentType?: string;
  method: string;
  /** The query string without `?`, secrets removed. */
  query?: string;
  headers: Record<string, string>;
  sourceIp?: string;
  lastError?: string;
};

export type StoreWebhookEventResult = { id: number; created: true } | { created: false };

/**
 * Stores a received callback under its dedupe key and, when it is new and processable, enqueues its
 * processing job atomically with it. A key already stored is a duplicate delivery: nothing happens.
 * Callers acknowledge the provider only after this resolves (the row is committed).
 */
export async function storeWebhookEvent(
  ctx: Ctx,
  input: StoreWebhookEventInput,
): Promise<StoreWebhookEventResult> {
  const event = ctx.db
    .insert(webhookEvents)
    .values(webhookEventRow(ctx, input))
    .onConflictDoNothing({ target: [webhookEvents.provider, webhookEvents.dedupeKey] })
    .returning({ id: webhookEvents.id });
  const processable = input.status === "RECEIVED";
  // This is the webhook's acknowledgement latency, the hub's hottest path: one statement (atomic on its
  // own) stores the event and queues its processing job, where a transaction of separate statements took
  // five round trips. No NOTIFY in it: the workers are woken after the commit (onCommit below, and the
  // cross-instance relay's coalesced NOTIFY). A new event id cannot collide with a pending job's
  // singleton key, so the job insert needs no conflict clause here (replays go through enqueueJob).
  const [row] = await queryRows<{ id: number | string }>(
    ctx.db,
    sql`with event as (${event.getSQL()}),
        job as (
          insert into jobs (queue, payload, max_attempts, singleton_key)
          select ${PROCESS_WEBHOOK_EVENT_QUEUE}::text, jsonb_build_object('webhookEventId', id),
                 ${PROCESS_WEBHOOK_EVENT_MAX_ATTEMPTS}::int4, ${WEBHOOK_EVENT_JOB_KEY_PREFIX}::text || id::text
            from event where ${processable}::boolean
          returning id
        )
        select id from event`,
  );
  if (!row) return { created: false };
  if (processable) onCommit(ctx, () => ctx.bus.notifyJobQueued(PROCESS_WEBHOOK_EVENT_QUEUE));
  return { id: Number(row.id), created: true };
}

/** The webhook_events row for a received callback (also used by the grouped store). */
export function webhookEventRow(ctx: Ctx, input: StoreWebhookEventInput) {
  return {
    provider: input.provider,
    dedupeKey: input.dedupeKey,
    kind: input.kind,
    status: input.status,
    rawBody: input.rawBody,
    bodyEncoding: input.bodyEncoding,
    contentType: input.contentType ?? null,
    method: input.method,
    query: input.query || null,
    headers: input.headers,
    sourceIp: input.sourceIp ?? null,
    lastError: input.lastError ?? null,
    receivedAt: ctx.now(),
  };
}
