import type { Ctx } from "@server/context";
import { messageLogs } from "@server/db/schema/index";
import { assertPropertyAccess } from "@server/domain/access/property-scope";
import { MEDIA_REMOVED_BY_RETENTION } from "@server/domain/privacy/expire-resolved-media";
import { AppError, notFound } from "@server/errors";
import { eq } from "drizzle-orm";
import { detectStoredMediaType } from "../media/detect-stored-media-type";
import { isValidMediaKey, type MediaStore } from "../media/media-store";
import { getThread } from "../threads/get-thread";

export type StoredMedia = {
  /** Its key in the media store (a valid key: never a path outside the store). */
  key: string;
  /** Its size in bytes, as stored. */
  size: number;
  /** Decided from the file's bytes: an inline type, or application/octet-stream for anything else. */
  contentType: string;
  /** Whether the browser may show it (an allowlisted type) or must download it. */
  inline: boolean;
  /** A name safe to put in Content-Disposition. */
  filename: string;
};

/**
 * The stored attachment of a message the actor may see (through its thread's property), typed by its
 * bytes, never by what the sender declared; NOT_FOUND when the message is hidden or its media is not
 * (yet) in storage.
 */
export async function getStoredMedia(ctx: Ctx, store: MediaStore, messageId: number): Promise<StoredMedia> {
  const [message] = await ctx.db.select().from(messageLogs).where(eq(messageLogs.id, messageId));
  if (!message) throw notFound("message", messageId);
  if (message.threadId !== null) await getThread(ctx, message.threadId);
  else assertPropertyAccess(ctx, null, "message", messageId);
  if (message.mediaStatus === MEDIA_REMOVED_BY_RETENTION)
    throw new AppError(
      "NOT_FOUND",
      `the attachment of message ${messageId} was removed by the retention policy`,
    );
  if (message.mediaStatus !== "STORED" || !message.mediaStoragePath) throw notFound("media", messageId);
  const key = message.mediaStoragePath;
  if (!isValidMediaKey(key)) throw notFound("media", messageId);
  const head = await store.head(key);
  if (!head) throw notFound("media", messageId);
  const detected = await detectStoredMediaType(store, key).catch(() => {
    throw notFound("media", messageId);
  });
  return {
    key,
    size: head.size,
    contentType: detected ?? "application/octet-stream",
    inline: detected !== undefined,
    filename: safeFilename(message.mediaFilename, `attachment-${messageId}`, detected !== undefined),
  };
}

// Kept readable but harmless: no quotes, separators or control characters, and a file that is not one
// of the inline types never keeps an extension a browser or desktop would open as a page or a script.
const RENDERABLE = /\.(html?|xht(ml)?|shtml|svgz?|xml|xsl|mht(ml)?|js|mjs|hta|swf)$/i;

function safeFilename(declared: string | null, fallback: string, inline: boolean): string {
  const cleaned = (declared ?? "")
    .replace(/[^\w.\- ]/g, "_")
    .replace(/^[.\s]+/, "")
    .slice(0, 120)
    .trim();
  const name = cleaned || fallback;
  return !inline && RENDERABLE.test(name) ? `${name}.bin` : name;
}
