import type { Ctx } from "@server/context";
import { outboundUploads } from "@server/db/schema/index";
import { WHATSAPP_MAX_CAPTION } from "@server/domain/outbound/outbound-rules";
import type { SendMessageInput } from "@server/domain/outbound/send-message";
import { getThread } from "@server/domain/threads/get-thread";
import { notFound, validationFailed } from "@server/errors";
import { and, eq } from "drizzle-orm";

/**
 * A reply with a file uploaded to its thread: the send input gains the file as media by the URL the hub
 * serves it at (`origin` + /media/outbound/<token>.<ext>, what the provider fetches; the usual media
 * checks run on it) and its stored bytes, which the thread shows. The reply's text is the caption.
 */
export async function attachUpload(
  ctx: Ctx,
  input: SendMessageInput & { threadId: number },
  upload: { attachmentId: number; origin: string },
): Promise<SendMessageInput> {
  await getThread(ctx, input.threadId);
  const [row] = await ctx.db
    .select()
    .from(outboundUploads)
    .where(and(eq(outboundUploads.id, upload.attachmentId), eq(outboundUploads.threadId, input.threadId)));
  if (!row) throw notFound("attachment", upload.attachmentId);
  const caption = input.message?.trim() ? input.message.trim() : undefined;
  if (caption && [...caption].length > WHATSAPP_MAX_CAPTION)
    throw validationFailed("message", `a caption goes up to ${WHATSAPP_MAX_CAPTION} characters on WhatsApp`);
  return {
    ...input,
    message: undefined,
    media: {
      type: row.mediaType === "image" ? "image" : "document",
      url: new URL(`/media/outbound/${row.token}.${row.extension}`, upload.origin).toString(),
      ...(caption && { caption }),
      ...(row.mediaType === "document" && { filename: row.filename }),
    },
    storedMedia: { key: row.storageKey, mimeType: row.contentType, size: row.size },
  };
}
