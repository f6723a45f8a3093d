import type { MessageDto, MessageReplyTo } from "@contract/messages";
import type { messageLogs } from "@server/db/schema/index";
import type { QuotedMessages } from "@server/domain/messages/find-quoted-messages";
import { readInteractive, readReplyContext } from "@server/domain/messages/inbound-metadata";
import { describeFailure } from "@server/domain/outbound/failure-policy";

type MessageRow = typeof messageLogs.$inferSelect;

export interface PresentContext {
  /** findQuotedMessages' answer: fills in the quoted message of a reply; without it only its provider ids. */
  quoted?: QuotedMessages;
  /** Whether the guest may get SMS here (decides whether "Send as SMS" is offered). */
  smsAvailable?: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The one shape a message leaves the server in: API responses and realtime event payloads alike.
 * What the row alone cannot tell comes in `context`.
 */
export function presentMessage(row: MessageRow, context: PresentContext = {}): MessageDto {
  const { quoted, smsAvailable } = context;
  return {
    id: row.id,
    threadId: row.threadId,
    contactId: row.contactId,
    bookingId: row.bookingId,
    channel: row.channel,
    direction: row.direction,
    status: row.status,
    providerStatus: row.providerStatus,
    phone: row.phone,
    message: row.message,
    templateId: row.templateId,
    templateParams: row.templateParams ?? null,
    media: presentMedia(row),
    interactive: readInteractive(row),
    replyTo: presentReplyTo(row, quoted),
    provider: row.provider,
    providerMessageId: row.providerMessageId,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    providerErrorCode: row.providerErrorCode,
    providerErrorText: row.providerErrorText,
    failure: describeFailure(row, smsAvailable),
    failureKind: row.failureKind,
    sendState: row.sendState,
    attemptCount: row.attemptCount,
    senderStaffId: row.senderStaffId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    sentAt: iso(row.sentAt),
    deliveredAt: iso(row.deliveredAt),
    readAt: iso(row.readAt),
    failedAt: iso(row.failedAt),
  };
}

/** A message's attachment, or null for none. */
export function presentMedia(row: MessageRow): MessageDto["media"] {
  return row.mediaType
    ? {
        type: row.mediaType,
        url: row.mediaUrl,
        caption: row.mediaCaption,
        filename: row.mediaFilename,
        mimeType: row.mediaMimeType,
        status: row.mediaStatus,
      }
    : null;
}

/** A reply's link to the message it quotes: the provider's ids always, ours and a snippet when known. */
export function presentReplyTo(row: MessageRow, quoted: QuotedMessages | undefined): MessageReplyTo | null {
  const context = readReplyContext(row);
  if (!context) return null;
  const found = quoted?.get(row.id);
  return {
    messageId: found?.messageId ?? null,
    providerMessageId: context.whatsappMessageId,
    gsId: context.gsId,
    text: found?.text ?? null,
  };
}
