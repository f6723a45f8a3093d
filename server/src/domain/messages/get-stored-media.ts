import type { Ctx } from "@server/context";
import { messageLogs } from "@server/db/schema/index";
import { assertPropertyAccess } from "@server/domain/access/property-scope";
import { notFound } from "@server/errors";
import { eq } from "drizzle-orm";
import { getThread } from "../threads/get-thread";

export type StoredMedia = { storagePath: string; mimeType: string | null; filename: string | null };

/**
 * The stored attachment of a message the actor may see (through its thread's property);
 * NOT_FOUND when the message is hidden or its media is not (yet) in storage.
 */
export async function getStoredMedia(ctx: Ctx, messageId: number): Promise<StoredMedia> {
  const [message] = await ctx.db.select().from(messageLogs).where(eq(messageLogs.id, messageId));
  if (!message) throw notFound("message", messageId);
  if (message.threadId !== null) await getThread(ctx, message.threadId);
  else assertPropertyAccess(ctx, null, "message", messageId);
  if (message.mediaStatus !== "STORED" || !message.mediaStoragePath) throw notFound("media", messageId);
  return {
    storagePath: message.mediaStoragePath,
    mimeType: message.mediaMimeType,
    filename: message.mediaFilename,
  };
}
