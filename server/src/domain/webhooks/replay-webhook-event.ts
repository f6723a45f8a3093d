import type { Ctx } from "@server/context";
import { webhookEvents } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { requireRole } from "@server/domain/access/property-scope";
import { recordAudit } from "@server/domain/audit/record-audit";
import { notFound } from "@server/errors";
import { eq } from "drizzle-orm";
import { enqueueWebhookProcessing } from "./enqueue-webhook-processing";
import { lockWebhookEvent, type WebhookEvent } from "./lock-webhook-event";

/**
 * Processes a stored callback again from its raw body (ADMIN): back to RECEIVED and a new processing
 * job. Safe for any event, processing is idempotent. Audited as `webhook.replayed`.
 */
export async function replayWebhookEvent(
  ctx: Ctx,
  id: number,
): Promise<{ event: WebhookEvent; queued: boolean }> {
  requireRole(ctx, "ADMIN");
  return withTransaction(ctx, async (tx) => {
    const before = await lockWebhookEvent(tx, id);
    const [event] = await tx.db
      .update(webhookEvents)
      .set({ status: "RECEIVED", processedAt: null, updatedAt: tx.now() })
      .where(eq(webhookEvents.id, id))
      .returning();
    if (!event) throw notFound("webhook event", id);
    const queued = await enqueueWebhookProcessing(tx, id);
    await recordAudit(tx, {
      action: "webhook.replayed",
      targetType: "webhook_event",
      targetId: id,
      details: { previousStatus: before.status, dedupeKey: before.dedupeKey, queued },
    });
    return { event, queued };
  });
}
