import type { Deps } from "@server/deps";
import type { KeyedEvent } from "@server/domain/webhooks/apply-inbound-event";
import {
  PROCESS_WEBHOOK_EVENT_MAX_ATTEMPTS,
  PROCESS_WEBHOOK_EVENT_QUEUE,
} from "@server/domain/webhooks/enqueue-webhook-processing";
import type { WebhookEvent } from "@server/domain/webhooks/lock-webhook-event";
import { processWebhookEvent } from "@server/domain/webhooks/process-webhook-event";
import { recordWebhookFailure } from "@server/domain/webhooks/record-webhook-failure";
import { AppError } from "@server/errors";
import type { ProviderRegistry } from "@server/providers/channel-provider";
import { eventDedupeKey } from "@server/providers/gupshup/gupshup-webhook";
import type { InboundEvent } from "@server/providers/inbound-event";
import { callbackReaderFor } from "@server/providers/registry";
import { defineJob } from "@server/queue/job-definition";
import { z } from "zod";

/** Errors that the same input will raise again: no point retrying, park the event at once. */
const PERMANENT = new Set(["INVALID_PHONE", "VALIDATION_FAILED", "NOT_FOUND"]);

/**
 * Turns a stored callback into its effects (messages, statuses, consent) by re-reading the stored raw
 * body, so a replay processes exactly what arrived. Retried with backoff; an event that keeps failing is
 * parked as FAILED with its error (onExhausted).
 */
export function processWebhookEventJob(deps: Deps) {
  return defineJob({
    name: PROCESS_WEBHOOK_EVENT_QUEUE,
    payload: z.object({ webhookEventId: z.number().int().positive() }),
    maxAttempts: PROCESS_WEBHOOK_EVENT_MAX_ATTEMPTS,
    backoff: { baseMs: 1_000, maxMs: 300_000 },
    handle: async (ctx, { webhookEventId }) => {
      try {
        const result = await processWebhookEvent(ctx, {
          webhookEventId,
          readEvents: (row) => readStoredEvents(deps.providers, row),
        });
        if (result.status === "ALREADY_DONE") return { status: "done" };
        const count = (outcome: string) =>
          deps.metrics.webhookEvents.inc({ provider: result.provider, outcome });
        count(result.status.toLowerCase());
        for (const o of result.outcomes) if (o.kind === "status" && o.result === "held") count("status_held");
        return { status: "done" };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        await recordWebhookFailure(ctx, { webhookEventId, error, park: false });
        if (err instanceof AppError && PERMANENT.has(err.code)) return { status: "failed", error };
        throw err;
      }
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
