import { randomBytes } from "node:crypto";
import type { AttachmentDto } from "@contract/composer";
import type { Ctx } from "@server/context";
import { outboundUploads } from "@server/db/schema/index";
import { type MediaStore, readMediaHead } from "@server/domain/media/media-store";
import { WHATSAPP_MEDIA_MAX_BYTES } from "@server/domain/outbound/check-media-file";
import { getThread } from "@server/domain/threads/get-thread";
import { AppError, validationFailed } from "@server/errors";
import { presentAttachment } from "./present-attachment";
import { SNIFF_BYTES, sniffAttachment } from "./sniff-attachment";

const MB = 1024 * 1024;

export type StoreAttachmentInput = {
  threadId: number;
  channel: "WHATSAPP" | "SMS";
  filename: string | undefined;
  /** The request body as it arrives; counted as it streams, never held whole. */
  body: AsyncIterable<Uint8Array>;
  /** Content-Length, when the client sent one: refused at once when already too big. */
  declaredLength: number | undefined;
};

/** The largest attachment the composer takes: WhatsApp's document limit, capped by MEDIA_MAX_BYTES. */
export function attachmentMaxBytes(ctx: Ctx): number {
  return Math.min(ctx.config.media.maxBytes, WHATSAPP_MEDIA_MAX_BYTES.document);
}

/**
 * Stores a file attached in the composer of a thread the actor may see, for WhatsApp: streamed into the
 * media store under a random key, then typed from its bytes (the declared type is ignored) and checked
 * against WhatsApp's types and size per type. Anything refused is deleted again; SMS takes no files.
 */
export async function storeAttachment(
  ctx: Ctx,
  store: MediaStore,
  input: StoreAttachmentInput,
): Promise<AttachmentDto> {
  const thread = await getThread(ctx, input.threadId);
  if (input.channel === "SMS")
    throw validationFailed(
      "channel",
      "SMS cannot carry attachments: send the file on WhatsApp, or put a link to it in the text",
    );
  const max = attachmentMaxBytes(ctx);
  if (input.declaredLength !== undefined && input.declaredLength > max)
    throw tooLarge(input.declaredLength, max);
  const token = randomBytes(24).toString("hex");
  const now = ctx.now();
  const key = `outbound/${now.toISOString().slice(0, 7)}/${token}`;
  const { size } = await store.put(key, capped(input.body, max));
  try {
    if (size === 0) throw validationFailed("file", "the file is empty");
    const filename = cleanFilename(input.filename);
    const sniffed = sniffAttachment(
      (await readMediaHead(store, key, SNIFF_BYTES)) ?? Buffer.alloc(0),
      filename,
    );
    if (!sniffed.ok) throw new AppError("UNSUPPORTED_MEDIA_TYPE", sniffed.reason);
    const { file } = sniffed;
    const limit = WHATSAPP_MEDIA_MAX_BYTES[file.mediaType];
    if (size > limit)
      throw new AppError(
        "PAYLOAD_TOO_LARGE",
        `the ${file.mediaType} is ${(size / MB).toFixed(1)} MB; WhatsApp takes ${file.mediaType}s up to ${limit / MB} MB`,
      );
    const [row] = await ctx.db
      .insert(outboundUploads)
      .values({
        token,
        threadId: thread.id,
        propertyId: thread.propertyId,
        staffUserId: ctx.actor.type === "staff" ? ctx.actor.staffUserId : null,
        storageKey: key,
        contentType: file.contentType,
        mediaType: file.mediaType,
        extension: file.extension,
        filename: withExtension(filename, file.extension),
        size,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error("attachment insert returned nothing");
    return presentAttachment(row);
  } catch (err) {
    await store.delete(key).catch(() => false);
    throw err;
  }
}

async function* capped(body: AsyncIterable<Uint8Array>, max: number): AsyncIterable<Uint8Array> {
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > max) throw tooLarge(total, max, true);
    yield chunk;
  }
}

function tooLarge(size: number, max: number, atLeast = false): AppError {
  return new AppError(
    "PAYLOAD_TOO_LARGE",
    `the file is ${atLeast ? "over " : ""}${(size / MB).toFixed(1)} MB; attachments go up to ${(max / MB).toFixed(0)} MB`,
  );
}

/** A name a guest's phone can show: no path, quotes or control characters, at most 120 characters. */
function cleanFilename(declared: string | undefined): string {
  const base = (declared ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[^\w.\- ()]/g, "_")
    .replace(/^[.\s]+/, "")
    .slice(0, 120)
    .trim();
  return cleaned || "attachment";
}

function withExtension(name: string, extension: string): string {
  const current = /\.([a-z0-9]{1,5})$/i.exec(name)?.[1]?.toLowerCase();
  if (current === extension || (extension === "jpg" && current === "jpeg")) return name;
  return `${name}.${extension}`;
}
