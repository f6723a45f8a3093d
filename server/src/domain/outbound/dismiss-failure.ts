import type { Ctx } from "@server/context";
import { messageLogs } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { recordAudit } from "@server/domain/audit/record-audit";
import { publishMessageEvent } from "@server/domain/messages/publish-message-event";
import { AppError } from "@server/errors";
import { and, eq, isNull } from "drizzle-orm";
import { getMessage } from "./get-message";
import type { MessageRow } from "./send-message";

/**
 * A person acknowledges a failed outbound message ("Dismiss"): it stays FAILED with its reason, but its
 * thread no longer shows a failure marker in the inbox. Dismissing twice is harmless. Audited.
 */
export async function dismissFailure(ctx: Ctx, messageId: number): Promise<MessageRow> {
  return withTransaction(ctx, async (tx) => {
    const { message, propertyId } = await getMessage(tx, messageId);
    if (message.direction !== "OUTBOUND" || message.status !== "FAILED")
      throw new AppError(
        "CONFLICT",
        `message ${messageId} is ${message.status}, not a failed outbound message`,
      );
    const [dismissed] = await tx.db
      .update(messageLogs)
      .set({ failureDismissedAt: tx.now(), updatedAt: tx.now() })
      .where(and(eq(messageLogs.id, messageId), isNull(messageLogs.failureDismissedAt)))
      .returning();
    if (!dismissed) return message;
    await recordAudit(tx, {
      action: "message.failure_dismissed",
      targetType: "message",
      targetId: messageId,
      propertyId,
      details: { errorCode: message.errorCode, providerErrorCode: message.providerErrorCode },
    });
    await publishMessageEvent(tx, "message.updated", dismissed);
    return dismissed;
  });
}
