import path from "node:path";
import type { Ctx } from "@server/context";
import { messageLogs } from "@server/db/schema/index";
import { assertPropertyAccess } from "@server/domain/access/property-scope";
import { notFound } from "@server/errors";
import { eq } from "drizzle-orm";
import { getThread } from "../threads/get-thread";
import { detectMediaType } from "./detect-media-type";

export type StoredMedia = {
  /** Absolute path of the file, always inside DATA_DIR/media. */
  file: string;
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
export async function getStoredMedia(ctx: Ctx, messageId: number): Promise<StoredMedia> {
  const [message] = await ctx.db.select().from(messageLogs).where(eq(messageLogs.id, messageId));
  if (!message) throw notFound("message", messageId);
  if (message.threadId !== null) await getThread(ctx, message.threadId);
  else assertPropertyAccess(ctx, null, "message", messageId);
  if (message.mediaStatus !== "STORED" || !message.mediaStoragePath) throw notFound("media", messageId);
  const root = path.resolve(ctx.config.media.dir);
  const file = path.resolve(root, message.mediaStoragePath);
  if (!file.startsWith(root + path.sep)) throw notFound("media", messageId);
  const detected = await detectMediaType(file).catch(() => {
    throw notFound("media", messageId);
  });
  return {
    file,
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
