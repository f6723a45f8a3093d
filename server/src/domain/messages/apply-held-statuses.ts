import type { Ctx } from "@server/context";
import { preparedQuery, preparedValue } from "@server/db/prepared-query";
import { messageStatusEvents } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { and, inArray, isNull, or, sql } from "drizzle-orm";
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
    // Run after every accepted send, where it almost always finds nothing: built once per connection.
    // A prepared statement takes a fixed number of ids: `known` holds one or two, the first repeated.
    const held = await preparedQuery(tx.db, "adopt_held_statuses", (db, name) => {
      const ids = [sql.placeholder("first"), sql.placeholder("second")];
      return db
        .update(messageStatusEvents)
        .set({ messageId: preparedValue("messageId"), appliedAt: preparedValue("now") })
        .where(
          and(
            isNull(messageStatusEvents.messageId),
            or(
              inArray(messageStatusEvents.providerMessageId, ids),
              inArray(messageStatusEvents.whatsappMessageId, ids),
            ),
          ),
        )
        .returning()
        .prepare(name);
    }).execute({ messageId, now: ctx.now().toISOString(), first: known[0], second: known[1] ?? known[0] });
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
