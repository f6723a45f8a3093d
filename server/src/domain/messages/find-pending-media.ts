import type { Ctx } from "@server/context";
import { messageLogs } from "@server/db/schema/index";
import { and, eq, isNotNull } from "drizzle-orm";

export type PendingMedia = { messageId: number; url: string; mimeType: string | null; createdAt: Date };

/** The attachment of an inbound message that still has to be fetched, or undefined (done, failed, none). */
export async function findPendingMedia(ctx: Ctx, messageId: number): Promise<PendingMedia | undefined> {
  const [row] = await ctx.db
    .select({
      messageId: messageLogs.id,
      url: messageLogs.mediaUrl,
      mimeType: messageLogs.mediaMimeType,
      createdAt: messageLogs.createdAt,
    })
    .from(messageLogs)
    .where(
      and(
        eq(messageLogs.id, messageId),
        eq(messageLogs.mediaStatus, "PENDING"),
        isNotNull(messageLogs.mediaUrl),
      ),
    );
  return row?.url ? { ...row, url: row.url } : undefined;
}
