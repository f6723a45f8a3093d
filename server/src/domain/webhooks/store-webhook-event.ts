import type { Ctx } from "@server/context";
import { storeWebhookEvents } from "./store-webhook-events";

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
 * processing job atomically with it (storeWebhookEvents with one callback: one statement, no NOTIFY in
 * it). A key already stored is a duplicate delivery: nothing happens. Callers acknowledge the provider
 * only after this resolves (the row is committed).
 */
export async function storeWebhookEvent(
  ctx: Ctx,
  input: StoreWebhookEventInput,
): Promise<StoreWebhookEventResult> {
  const [result] = await storeWebhookEvents(ctx, [input]);
  return result ?? { created: false };
}
