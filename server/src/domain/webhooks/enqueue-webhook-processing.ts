import type { Ctx } from "@server/context";
import { enqueueJob } from "@server/queue/enqueue-job";

export const PROCESS_WEBHOOK_EVENT_QUEUE = "process-webhook-event";
export const PROCESS_WEBHOOK_EVENT_MAX_ATTEMPTS = 8;
/** One queued-or-running processing job per event: its singleton key is this prefix and the event id. */
export const WEBHOOK_EVENT_JOB_KEY_PREFIX = "webhook-event:";

/**
 * Queues the processing of a stored callback, in the caller's transaction. One queued-or-running job
 * per event: enqueueing again while one is pending is a no-op (returns false).
 */
export async function enqueueWebhookProcessing(ctx: Ctx, webhookEventId: number): Promise<boolean> {
  const id = await enqueueJob(
    ctx,
    PROCESS_WEBHOOK_EVENT_QUEUE,
    { webhookEventId },
    {
      maxAttempts: PROCESS_WEBHOOK_EVENT_MAX_ATTEMPTS,
      singletonKey: `${WEBHOOK_EVENT_JOB_KEY_PREFIX}${webhookEventId}`,
    },
  );
  return id !== undefined;
}
