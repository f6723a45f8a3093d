import type { Ctx } from "@server/context";
import { messageLogs } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { and, eq, sql } from "drizzle-orm";
import { publishMessageEvent } from "./publish-message-event";

export type MediaResult =
  /** `mimeType` as read from the stored bytes, replacing the type the sender declared. */
  { stored: { path: string; size: number; mimeType: string } } | { failed: string };

/**
 * Records how fetching an inbound attachment ended: STORED with its path under DATA_DIR/media and the
 * type its bytes show (the sender's declaration is not kept: it is what an attacker chooses), or
 * FAILED with the reason (kept in metadata.mediaError) so staff see a failed attachment, not a lost one.
 * Only a PENDING attachment changes; publishes `message.updated`.
 */
export async function recordMediaResult(
  ctx: Ctx,
  input: { messageId: number; result: MediaResult },
): Promise<void> {
  const { result } = input;
  await withTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(messageLogs)
      .set(
        "stored" in result
          ? {
              mediaStatus: "STORED",
              mediaStoragePath: result.stored.path,
              mediaSize: result.stored.size,
              mediaMimeType: result.stored.mimeType,
              updatedAt: tx.now(),
            }
          : {
              mediaStatus: "FAILED",
              metadata: sql`coalesce(${messageLogs.metadata}, '{}'::jsonb) || ${JSON.stringify({ mediaError: result.failed })}::jsonb`,
              updatedAt: tx.now(),
            },
      )
      .where(and(eq(messageLogs.id, input.messageId), eq(messageLogs.mediaStatus, "PENDING")))
      .returning();
    if (!row) return;
    await publishMessageEvent(tx, "message.updated", row);
  });
}
