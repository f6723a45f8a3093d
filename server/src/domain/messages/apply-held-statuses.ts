import type { Ctx } from "@server/context";
import { messageStatusEvents } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { and, inArray, isNull, or } from "drizzle-orm";
import { moveStatus } from "./apply-status-update";
import { lockProviderIds } from "./lock-provider-ids";
import { rankOf } from "./message-status";

/**
 * Applies status events that arrived before we knew the message's provider ids (Gupshup can call back
 * before the send response is stored). Call it in the transaction that stores the ids, after storing them.
 */
export async function applyHeldStatuses(
  ctx: Ctx,
  messageId: number,
  ids: { providerMessageId?: string | null; whatsappMessageId?: string | null },
): Promise<number> {
  const known = [ids.providerMessageId, ids.whatsappMessageId].filter((id): id is string => Boolean(id));
  if (known.length === 0) return 0;
  return withTransaction(ctx, async (tx) => {
    await lockProviderIds(tx, known);
    const held = await tx.db
      .update(messageStatusEvents)
      .set({ messageId, appliedAt: ctx.now() })
      .where(
        and(
          isNull(messageStatusEvents.messageId),
          or(
            inArray(messageStatusEvents.providerMessageId, known),
            inArray(messageStatusEvents.whatsappMessageId, known),
          ),
        ),
      )
      .returning();
    held.sort((a, b) => a.id - b.id);
    for (const event of held) {
      const rank = rankOf(event.providerStatus);
      if (rank === undefined) continue;
      await moveStatus(tx, messageId, rank, {
        providerStatus: event.providerStatus,
        occurredAt: event.occurredAt ?? undefined,
        errorCode: event.errorCode ?? undefined,
        errorReason: event.errorReason ?? undefined,
        eventKey: event.eventKey,
      });
    }
    return held.length;
  });
}
