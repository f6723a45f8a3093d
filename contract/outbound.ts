import { z } from "zod";
import { Cursor, PageLimit, QueryText, Timestamp } from "./common";
import { MessageChannel, MessageDirection, MessageDto, MessageStatus } from "./messages";
import { TimelineActor } from "./timeline";

// The outbound API: `POST /api/messages/send` for other systems, the thread reply the web app uses, the message
// listing and templates. The server owns validation of the rules (phone, window, opt-out, template);
// these schemas describe shapes only.

const OutboundMediaType = z.enum(["image", "document", "audio", "video"]);

export const OutboundMedia = z.object({
  type: OutboundMediaType,
  url: z.url(),
  caption: z.string().max(1024).optional(),
  filename: z.string().max(240).optional(),
});
export type OutboundMedia = z.infer<typeof OutboundMedia>;

/**
 * The header of a template whose header is an IMAGE, VIDEO or DOCUMENT (`TemplateDto.headerType`): an
 * https link, or our own upload's /media/outbound/… URL. `filename` is what a document is shown as.
 */
export const TemplateHeaderMedia = z.object({
  url: z.url().max(2000),
  filename: z.string().min(1).max(240).optional(),
});
export type TemplateHeaderMedia = z.infer<typeof TemplateHeaderMedia>;

/** The body of `POST /api/messages/send`. `Idempotency-Key` is an optional header. */
export const SendMessageBody = z.object({
  phone: z.string().min(1).max(40),
  message: z.string().optional(),
  channel: z.string(),
  bookingId: z.number().int().positive().optional(),
  threadId: z.number().int().positive().optional(),
  /** Our template id (`GET /api/templates` → `id`) or the provider's template id. */
  templateId: z.union([z.string().min(1), z.number().int().positive()]).optional(),
  templateParams: z.array(z.string()).optional(),
  /** Required for a template with a media header, refused for any other. */
  headerMedia: TemplateHeaderMedia.optional(),
  media: OutboundMedia.optional(),
});
export type SendMessageBody = z.infer<typeof SendMessageBody>;

/** 200 when the provider accepted within the request (status SENT), 202 when still PENDING in the queue. */
export const SendMessageResponse = z.object({ success: z.literal(true), message: MessageDto });
export type SendMessageResponse = z.infer<typeof SendMessageResponse>;

/** `POST /api/threads/:id/reply`: the web app's composer. The phone comes from the thread's contact. */
export const ThreadReplyBody = z.object({
  channel: MessageChannel,
  message: z.string().optional(),
  templateId: z.union([z.string().min(1), z.number().int().positive()]).optional(),
  templateParams: z.array(z.string()).optional(),
  /** Required for a template with a media header, refused for any other. */
  headerMedia: TemplateHeaderMedia.optional(),
  media: OutboundMedia.optional(),
  /** A file uploaded to this thread (`POST /api/threads/:id/attachments`); `message` is its caption. */
  attachmentId: z.number().int().positive().optional(),
});
export type ThreadReplyBody = z.infer<typeof ThreadReplyBody>;

export const MessageListQuery = z.object({
  phone: QueryText(40).optional(),
  threadId: z.coerce.number().int().positive().optional(),
  contactId: z.coerce.number().int().positive().optional(),
  bookingId: z.coerce.number().int().positive().optional(),
  channel: MessageChannel.optional(),
  direction: MessageDirection.optional(),
  status: MessageStatus.optional(),
  since: Timestamp.optional(),
  until: Timestamp.optional(),
  cursor: Cursor.optional(),
  limit: PageLimit,
});
export type MessageListQuery = z.infer<typeof MessageListQuery>;

export const MessageListResponse = z.object({ messages: z.array(MessageDto), nextCursor: Cursor.nullable() });
export type MessageListResponse = z.infer<typeof MessageListResponse>;

const SendAttemptDto = z.object({
  attemptNo: z.number(),
  /** ACCEPTED | REJECTED | RETRYABLE | AMBIGUOUS, or null while in flight. */
  outcome: z.string().nullable(),
  httpStatus: z.number().nullable(),
  providerCode: z.string().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().nullable(),
  startedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});

export const StatusHistoryItem = z.object({
  status: MessageStatus,
  providerStatus: z.string(),
  occurredAt: Timestamp.nullable(),
  receivedAt: Timestamp,
  errorCode: z.string().nullable(),
  errorReason: z.string().nullable(),
});

/** A person's (or key's) "Retry" of a failed message: who and when. */
export const MessageRetryItem = z.object({ at: Timestamp, actor: TimelineActor });

export const MessageDetailResponse = z.object({
  message: MessageDto,
  attempts: z.array(SendAttemptDto),
  statusHistory: z.array(StatusHistoryItem),
  retries: z.array(MessageRetryItem),
});
export type MessageDetailResponse = z.infer<typeof MessageDetailResponse>;

export const TemplateDto = z.object({
  id: z.number(),
  providerTemplateId: z.string(),
  name: z.string(),
  language: z.string(),
  category: z.string().nullable(),
  /** The body with `{{1}}`, `{{2}}` … placeholders, for a live preview. */
  body: z.string(),
  paramCount: z.number(),
  /** IMAGE, VIDEO or DOCUMENT when a send must carry `headerMedia`; null for a text header or none. */
  headerType: z.string().nullable(),
  status: z.string(),
  channel: MessageChannel,
});
export type TemplateDto = z.infer<typeof TemplateDto>;

export const TemplateListResponse = z.object({ templates: z.array(TemplateDto) });
export type TemplateListResponse = z.infer<typeof TemplateListResponse>;

/** `POST /api/templates/sync` (admins): how many templates the provider listed, and how many it no longer does. */
export const TemplateSyncResponse = z.object({ synced: z.number(), removed: z.number() });
export type TemplateSyncResponse = z.infer<typeof TemplateSyncResponse>;

export const TemplateListQuery = z.object({ channel: MessageChannel.optional() });
export type TemplateListQuery = z.infer<typeof TemplateListQuery>;
