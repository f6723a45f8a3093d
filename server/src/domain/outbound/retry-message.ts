import type { Ctx } from "@server/context";
import { messageLogs, messageRetries } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { recordAudit } from "@server/domain/audit/record-audit";
import { STATUS_RANK } from "@server/domain/messages/message-status";
import { publishMessageEvent } from "@server/domain/messages/publish-message-event";
import { timelineActor } from "@server/domain/threads/record-thread-event";
import { AppError, conflict } from "@server/errors";
import { enqueueJob } from "@server/queue/enqueue-job";
import { and, eq, sql } from "drizzle-orm";
import { describeFailure } from "./failure-policy";
import { getMessage } from "./get-message";
import { type MessageRow, SEND_OUTBOUND_MESSAGE_QUEUE, sendJobOptions } from "./send-message";

/**
 * A person's decision to send a FAILED outbound message again: the message goes back to the queue with a
 * fresh attempt budget. Only a failure a resend can get past (failure-policy) may be retried; others are
 * NOT_RETRYABLE, naming what can help instead. One conditional update decides, so two concurrent clicks
 * make exactly one new send; the loser gets CONFLICT. Audited, and kept with the message (who retried).
 */
export async function retryMessage(ctx: Ctx, messageId: number): Promise<MessageRow> {
  return withTransaction(ctx, async (tx) => {
    const { message, propertyId } = await getMessage(tx, messageId);
    const failure = describeFailure(message);
    if (failure && !failure.retryable)
      throw new AppError(
        "NOT_RETRYABLE",
        `message ${messageId} failed with ${failure.code}${
          failure.providerCode ? ` (Gupshup ${failure.providerCode})` : ""
        }: sending it again would fail the same way${
          failure.nextSteps.length
            ? `; try ${failure.nextSteps.join(" or ")}`
            : failure.reason
              ? `; ${failure.reason}`
              : ""
        }`,
        { messageId, failure },
      );
    const now = tx.now();
    const [requeued] = await tx.db
      .update(messageLogs)
      .set({
        status: "PENDING",
        statusRank: STATUS_RANK.pending,
        sendState: "QUEUED",
        failureKind: null,
        errorCode: null,
        errorMessage: null,
        providerErrorCode: null,
        providerErrorText: null,
        failureDismissedAt: null,
        failedAt: null,
        providerMessageId: null,
        whatsappMessageId: null,
        providerStatus: null,
        nextAttemptAt: now,
        metadata: sql`coalesce(${messageLogs.metadata}, '{}'::jsonb) || ${JSON.stringify({
          queuedAt: now.toISOString(),
          retryBase: message.attemptCount,
        })}::jsonb`,
        updatedAt: now,
      })
      .where(
        and(
          eq(messageLogs.id, messageId),
          eq(messageLogs.direction, "OUTBOUND"),
          eq(messageLogs.status, "FAILED"),
        ),
      )
      .returning();
    if (!requeued)
      throw conflict(
        message.direction === "OUTBOUND"
          ? `message ${messageId} is ${message.status}, not FAILED: only a failed message can be retried`
          : `message ${messageId} is a guest's message`,
      );
    await enqueueJob(tx, SEND_OUTBOUND_MESSAGE_QUEUE, { messageId }, sendJobOptions(tx));
    await tx.db.insert(messageRetries).values({ messageId, ...timelineActor(tx.actor), createdAt: now });
    await recordAudit(tx, {
      action: "message.retried",
      targetType: "message",
      targetId: messageId,
      propertyId,
      details: { previousFailure: message.failureKind, previousError: message.errorCode },
    });
    await publishMessageEvent(tx, "message.updated", requeued);
    return requeued;
  });
}
