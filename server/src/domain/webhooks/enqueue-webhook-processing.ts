import type { Ctx } from "@server/context";
import { enqueueJob } from "@server/queue/enqueue-job";

export const PROCESS_WEBHOOK_EVENT_QUEUE = "process-webhook-event";
export const PROCESS_WEBHOOK_EVENT_MAX_ATTEMPTS = 8;

/**
 * Queues the processing of a stored callback, in the caller's transaction. One queued-or-running job
 * per event: enqueueing again while one is pending is a no-op (returns false).
 */
export async function enqueueWebhookProcessing(ctx: Ctx, webhookEventId: number): Promise<boolean> {
  const id = await enqueueJob(
    ctx,
    PROCESS_WEBHOOK_EVENT_QUEUE,
    { webhookEventId },
    { maxAttempts: PROCESS_WEBHOOK_EVENT_MAX_ATTEMPTS, singletonKey: `webhook-event:${webhookEventId}` },
  );
  return id !== undefined;
}
