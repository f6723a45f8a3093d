import type { Ctx } from "@server/context";
import { withTransaction } from "@server/db/transaction";
import type { Deps } from "@server/deps";
import { deferAutoAssignments, flushAutoAssignments } from "@server/domain/assignment/auto-assign-thread";
import { prepareInboundMessages } from "@server/domain/messages/prepare-inbound-messages";
import { deferRealtimeEvents, flushRealtimeEvents } from "@server/domain/realtime/publish-events";
import type { KeyedEvent } from "@server/domain/webhooks/apply-inbound-event";
import {
  PROCESS_WEBHOOK_EVENT_MAX_ATTEMPTS,
  PROCESS_WEBHOOK_EVENT_QUEUE,
} from "@server/domain/webhooks/enqueue-webhook-processing";
import { lockWebhookEvents, type WebhookEvent } from "@server/domain/webhooks/lock-webhook-event";
import { markWebhookEvents, type WebhookEventMark } from "@server/domain/webhooks/mark-webhook-events";
import {
  type ProcessWebhookEventResult,
  processWebhookEvent,
} from "@server/domain/webhooks/process-webhook-event";
import { processWebhookEvents } from "@server/domain/webhooks/process-webhook-events";
import { recordWebhookFailure } from "@server/domain/webhooks/record-webhook-failure";
import { AppError } from "@server/errors";
import type { ProviderRegistry } from "@server/providers/channel-provider";
import { eventDedupeKey } from "@server/providers/gupshup/gupshup-webhook";
import type { InboundEvent } from "@server/providers/inbound-event";
import { callbackReaderFor } from "@server/providers/registry";
import { defineJob, type JobOutcome } from "@server/queue/job-definition";
import { z } from "zod";

/** Callbacks claimed and processed together; statuses among them are applied in one transaction. */
const WEBHOOK_BATCH_SIZE = 50;
/**
 * Transactions, each processing its share of a batch's other callbacks (inbound messages) one by one.
 * Three rather than two drained a second's burst of 250 guests' messages in time (lag p99 at 500/s:
 * 1.0 s → 0.68 s, docs/BENCHMARKS.md); four did no better.
 */
const INBOUND_LANES = 3;
/**
 * Batches in flight per process. With the lanes, at most 6 processing transactions hold pooled
 * connections at once, leaving the rest of the pool of 10 to acknowledgements (at most 4 store
 * statements at once) and sends.
 */
const WEBHOOK_BATCHES_AT_ONCE = 2;

/** Errors that the same input will raise again: no point retrying, park the event at once. */
const PERMANENT = new Set(["INVALID_PHONE", "VALIDATION_FAILED", "NOT_FOUND"]);

/**
 * Turns a stored callback into its effects (messages, statuses, consent) by re-reading the stored raw
 * body, so a replay processes exactly what arrived. Retried with backoff; an event that keeps failing is
 * parked as FAILED with its error (onExhausted).
 */
export function processWebhookEventJob(deps: Deps) {
  const countResult = (result: ProcessWebhookEventResult) => {
    if (result.status === "ALREADY_DONE") return;
    const count = (outcome: string) => deps.metrics.webhookEvents.inc({ provider: result.provider, outcome });
    count(result.status.toLowerCase());
    for (const o of result.outcomes) if (o.kind === "status" && o.result === "held") count("status_held");
  };
  const readEvents = (row: WebhookEvent) => readStoredEvents(deps.providers, row);
  const processOne = async (ctx: Ctx, webhookEventId: number): Promise<JobOutcome> => {
    try {
      countResult(await processWebhookEvent(ctx, { webhookEventId, readEvents }));
      return { status: "done" };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      await recordWebhookFailure(ctx, { webhookEventId, error, park: false });
      if (err instanceof AppError && PERMANENT.has(err.code)) return { status: "failed", error };
      throw err;
    }
  };
  return defineJob({
    name: PROCESS_WEBHOOK_EVENT_QUEUE,
    payload: z.object({ webhookEventId: z.number().int().positive() }),
    maxAttempts: PROCESS_WEBHOOK_EVENT_MAX_ATTEMPTS,
    concurrency: WEBHOOK_BATCHES_AT_ONCE,
    backoff: { baseMs: 1_000, maxMs: 300_000 },
    handle: (ctx, { webhookEventId }) => processOne(ctx, webhookEventId),
    // Statuses of many callbacks in one set-based transaction; the other callbacks (inbound messages)
    // through processWebhookEvent one after another, in INBOUND_LANES transactions side by side.
    batch: {
      size: WEBHOOK_BATCH_SIZE,
      handle: async (ctx, items) => {
        const results = await processWebhookEvents(ctx, {
          webhookEventIds: items.map((item) => item.payload.webhookEventId),
          readEvents,
        });
        const outcomes: JobOutcome[] = new Array(items.length);
        const lanes: number[][] = Array.from({ length: INBOUND_LANES }, () => []);
        for (const [i, { payload }] of items.entries()) {
          const result = results.get(payload.webhookEventId);
          if (!result || result.status === "SEPARATELY") lanes[laneOf(result?.guest, i)]?.push(i);
          else {
            countResult(result);
            outcomes[i] = { status: "done" };
          }
        }
        const idOf = (i: number) => (items[i] as (typeof items)[number]).payload.webhookEventId;
        await Promise.all(
          lanes.map(async (lane) => {
            if (lane.length === 0) return;
            try {
              // One guest's callbacks share a lane, so concurrent lanes rarely wait on each other's locks.
              const done = await withTransaction(ctx, async (tx) => {
                deferRealtimeEvents(tx);
                deferAutoAssignments(tx);
                // The lane's rows locked with one statement, and marked with one at its end.
                const locked = {
                  lockedRows: await lockWebhookEvents(tx, lane.map(idOf)),
                  marks: [] as WebhookEventMark[],
                };
                // Each row parsed once; the guests' locks and lookups taken for the whole lane at once.
                const parsed = new Map(
                  [...locked.lockedRows.values()].map((row) => [row.id, readEvents(row)]),
                );
                await prepareInboundMessages(
                  tx,
                  [...parsed.values()].flatMap((events) => events.map((keyed) => keyed.event)),
                );
                const readParsed = (row: WebhookEvent) => parsed.get(row.id) ?? readEvents(row);
                const list: ProcessWebhookEventResult[] = [];
                for (const i of lane)
                  list.push(
                    await processWebhookEvent(tx, {
                      webhookEventId: idOf(i),
                      readEvents: readParsed,
                      lane: locked,
                    }),
                  );
                await markWebhookEvents(tx, locked.marks);
                await flushAutoAssignments(tx);
                await flushRealtimeEvents(tx);
                return list;
              });
              for (const [n, i] of lane.entries()) {
                countResult(done[n] as ProcessWebhookEventResult);
                outcomes[i] = { status: "done" };
              }
            } catch {
              // One callback of the lane failed: each on its own, so only that one is retried or parked.
              for (const i of lane)
                outcomes[i] = await processOne(ctx, idOf(i)).catch((err: unknown) => ({
                  status: "retry" as const,
                  error: err instanceof Error ? err.message : String(err),
                }));
            }
          }),
        );
        return outcomes;
      },
    },
    onExhausted: async (ctx, payload, error) => {
      if (!payload) return;
      await recordWebhookFailure(ctx, { webhookEventId: payload.webhookEventId, error, park: true });
      deps.metrics.webhookEvents.inc({ provider: "gupshup", outcome: "parked" });
      // A failed query's message carries its parameters (message text, phones): log only the first part.
      const reason = error.split("\nparams:")[0]?.slice(0, 300);
      ctx.log.error({ webhookEventId: payload.webhookEventId, reason }, "webhook event parked as FAILED");
    },
  });
}

/**
 * The normalized events of a stored callback, parsed again from the raw body as it arrived (so a
 * replay processes exactly what was received), each with its deterministic key.
 */
function readStoredEvents(providers: ProviderRegistry, row: WebhookEvent): KeyedEvent[] {
  const reader = callbackReaderFor(providers, row.provider);
  const unreadable = (reason: string): KeyedEvent[] => {
    const event: InboundEvent = { kind: "unsupported", reason, unreadable: true };
    return [{ event, key: row.dedupeKey }];
  };
  if (!reader) return unreadable(`no provider reads "${row.provider}" callbacks`);
  if (row.bodyEncoding !== "utf8") return unreadable("body is not valid UTF-8 text");
  const events = reader.parseWebhook({
    method: row.method,
    // A parser reads the body and query only; the headers served authentication, decided at receipt.
    headers: {},
    rawBody: row.rawBody,
    query: row.query ?? undefined,
  });
  return events.map((raw, i) => {
    const event = storable(raw);
    return { event, key: eventDedupeKey(event) ?? `${row.dedupeKey}#${i}` };
  });
}

// PostgreSQL text and jsonb refuse NUL characters and lone surrogates, which a hostile or broken
// payload can carry inside JSON strings: drop the former, replace the latter. Unmapped raw content is
// kept in jsonb too; past MAX_DEPTH levels it is cut (JSON.stringify would overflow the stack). The
// stored raw body keeps everything.
const MAX_DEPTH = 64;

function storable<T>(value: T): T {
  return clean(value, 0) as T;
}

function clean(value: unknown, depth: number): unknown {
  if (typeof value === "string") {
    return value
      .replaceAll("\u0000", "")
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
  }
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return "[nested too deeply]";
  if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [clean(k, depth), clean(v, depth + 1)]));
}

/** The lane of a callback processed one by one: by guest when known, so one guest's stay in order. */
function laneOf(guest: string | undefined, index: number): number {
  if (!guest) return index % INBOUND_LANES;
  let hash = 0;
  for (const char of guest) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return Math.abs(hash) % INBOUND_LANES;
}
