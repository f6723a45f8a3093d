import type { Ctx } from "@server/context";
import { webhookEvents } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { enqueueWebhookProcessing } from "./enqueue-webhook-processing";

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
 * processing job in the same transaction. A key already stored is a duplicate delivery: nothing happens.
 * Callers acknowledge the provider only after this resolves (the row is committed).
 */
export async function storeWebhookEvent(
  ctx: Ctx,
  input: StoreWebhookEventInput,
): Promise<StoreWebhookEventResult> {
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(webhookEvents)
      .values({
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
        receivedAt: tx.now(),
      })
      .onConflictDoNothing({ target: [webhookEvents.provider, webhookEvents.dedupeKey] })
      .returning({ id: webhookEvents.id });
    if (!row) return { created: false };
    if (input.status === "RECEIVED") await enqueueWebhookProcessing(tx, row.id);
    return { id: row.id, created: true };
  });
}
