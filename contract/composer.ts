import { z } from "zod";
import { Timestamp } from "./common";
import { MessageChannel } from "./messages";

// The composer's server-side state: drafts per staff member, thread and channel, and the files attached
// to a reply before it is sent.

/** A file uploaded from the composer (`POST /api/threads/:id/attachments`), typed from its bytes. */
export const AttachmentDto = z.object({
  id: z.number().int().positive(),
  filename: z.string(),
  /** image | document: how WhatsApp shows it. */
  mediaType: z.enum(["image", "document"]),
  /** What the bytes are (sniffed), e.g. image/png or application/pdf. */
  contentType: z.string(),
  size: z.number().int(),
});
export type AttachmentDto = z.infer<typeof AttachmentDto>;

export const AttachmentResponse = z.object({ attachment: AttachmentDto });
export type AttachmentResponse = z.infer<typeof AttachmentResponse>;

export const AttachmentQuery = z.object({
  /** The channel the reply goes out on: SMS takes no files. */
  channel: MessageChannel.default("WHATSAPP"),
  filename: z.string().trim().min(1).max(240).optional(),
});

/** What is kept of an unsent reply; an empty one (no text, template or attachment) clears the draft. */
export const DraftBody = z.object({
  text: z.string().max(20_000).default(""),
  template: z
    .object({ templateId: z.number().int().positive(), params: z.array(z.string().max(2_000)).max(30) })
    .nullable()
    .optional(),
  attachment: AttachmentDto.nullable().optional(),
});
export type DraftBody = z.infer<typeof DraftBody>;

export const DraftDto = z.object({ channel: MessageChannel, body: DraftBody, updatedAt: Timestamp });
export type DraftDto = z.infer<typeof DraftDto>;

export const DraftListResponse = z.object({ drafts: z.array(DraftDto) });
export type DraftListResponse = z.infer<typeof DraftListResponse>;

export const DraftParams = z.object({
  id: z.coerce.number().int().positive(),
  channel: MessageChannel,
});

/** Whether a draft holds anything worth keeping. */
export function isEmptyDraft(body: DraftBody): boolean {
  return !body.text.trim() && !body.template && !body.attachment;
}
