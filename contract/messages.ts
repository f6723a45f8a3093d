import { z } from "zod";

export const MessageChannel = z.enum(["WHATSAPP", "SMS"]);
export const MessageDirection = z.enum(["INBOUND", "OUTBOUND"]);
export const MessageStatus = z.enum(["PENDING", "SENT", "DELIVERED", "READ", "FAILED"]);

export const MessageMedia = z.object({
  type: z.string(),
  url: z.string().nullable(),
  caption: z.string().nullable(),
  filename: z.string().nullable(),
  mimeType: z.string().nullable(),
  /** Inbound media is fetched into storage by a job: PENDING, STORED or FAILED; REMOVED once the property's media retention deleted it. */
  status: z.string().nullable(),
});

/**
 * The button, list row or flow a guest's message answered. `kind`: button_reply, list_reply,
 * template_button (a template's quick-reply button), quick_reply, nfm_reply (a WhatsApp Flow), or the
 * provider's word for a kind not mapped yet (then `raw` holds what it sent). `title` is what the guest
 * saw, `id` the row/button id, `payload` what we attached (postbackText, the button payload).
 */
export const MessageInteractive = z.object({
  kind: z.string(),
  id: z.string().nullable(),
  title: z.string(),
  payload: z.string().nullable(),
  description: z.string().nullable(),
  /** A flow's answers (its response JSON), null for other kinds. */
  response: z.unknown(),
  raw: z.unknown(),
});
export type MessageInteractive = z.infer<typeof MessageInteractive>;

/**
 * The message a guest's message replies to (quotes). The provider's ids are always given
 * (`providerMessageId`: WhatsApp's id, context.id; `gsId`: Gupshup's); `messageId` and `text` (a
 * snippet) once that message is one we know.
 */
export const MessageReplyTo = z.object({
  messageId: z.number().nullable(),
  providerMessageId: z.string().nullable(),
  gsId: z.string().nullable(),
  text: z.string().nullable(),
});
export type MessageReplyTo = z.infer<typeof MessageReplyTo>;

/** What staff can do about a failed outbound message instead of waiting. */
export const NextStep = z.enum(["RETRY", "SEND_AS_SMS", "SEND_TEMPLATE"]);
export type NextStep = z.infer<typeof NextStep>;

/** Why an outbound message failed and what can help; null unless the message is FAILED. */
export const MessageFailure = z.object({
  /** Our mapped code: AUTH_FAILED, NOT_ON_WHATSAPP, WINDOW_CLOSED, RATE_LIMITED, PROVIDER_ERROR … */
  code: z.string(),
  /** Gupshup's (or Meta's) own code and text as sent (`1002`, `131047`, `105`, HTTP `401` …). */
  providerCode: z.string().nullable(),
  providerText: z.string().nullable(),
  /** Whether resending the same message can succeed (POST /api/messages/:id/retry is refused otherwise). */
  retryable: z.boolean(),
  nextSteps: z.array(NextStep),
  /** Why nothing is offered, when nothing is. */
  reason: z.string().nullable(),
  /** Acknowledged by staff ("Dismiss"): the thread no longer shows as having a failed message. */
  dismissedAt: z.string().nullable(),
});
export type MessageFailure = z.infer<typeof MessageFailure>;

/** One WhatsApp or SMS message as the API, the web app and realtime events present it. */
export const MessageDto = z.object({
  id: z.number(),
  threadId: z.number().nullable(),
  contactId: z.number().nullable(),
  bookingId: z.number().nullable(),
  channel: MessageChannel,
  direction: MessageDirection,
  status: MessageStatus,
  /** Gupshup's own word for the latest status (submitted, enqueued, sent, delivered, read, failed…). */
  providerStatus: z.string().nullable(),
  phone: z.string(),
  message: z.string().nullable(),
  templateId: z.string().nullable(),
  templateParams: z.unknown().nullable(),
  media: MessageMedia.nullable(),
  interactive: MessageInteractive.nullable(),
  replyTo: MessageReplyTo.nullable(),
  provider: z.string(),
  providerMessageId: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  /** Gupshup's own error code and text as sent, next to our mapped `errorCode`. */
  providerErrorCode: z.string().nullable(),
  providerErrorText: z.string().nullable(),
  failure: MessageFailure.nullable(),
  /** PERMANENT | EXHAUSTED | AMBIGUOUS: why the message failed or needs a person. */
  failureKind: z.string().nullable(),
  /** Outbound pipeline state: QUEUED, SENDING, ACCEPTED, RETRYING, UNKNOWN, GAVE_UP. */
  sendState: z.string().nullable(),
  attemptCount: z.number(),
  senderStaffId: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
  failedAt: z.string().nullable(),
});
export type MessageDto = z.infer<typeof MessageDto>;
