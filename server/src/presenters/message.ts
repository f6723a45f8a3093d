import type { MessageDto } from "@contract/messages";
import type { messageLogs } from "@server/db/schema/index";
import { describeFailure } from "@server/domain/outbound/failure-policy";

type MessageRow = typeof messageLogs.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The one shape a message leaves the server in: API responses and realtime event payloads alike.
 * `smsAvailable`: whether the guest may get SMS here (decides whether "Send as SMS" is offered).
 */
export function presentMessage(row: MessageRow, smsAvailable?: boolean): MessageDto {
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
    media: row.mediaType
      ? {
          type: row.mediaType,
          url: row.mediaUrl,
          caption: row.mediaCaption,
          filename: row.mediaFilename,
          mimeType: row.mediaMimeType,
          status: row.mediaStatus,
        }
      : null,
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
