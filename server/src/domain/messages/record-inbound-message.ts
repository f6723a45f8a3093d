import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
import { contacts, messageLogs } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { enqueueAutoReplies } from "@server/domain/business-hours/enqueue-auto-replies";
import { recordCsatReply } from "@server/domain/csat/record-csat-reply";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { linkThread } from "@server/domain/threads/link-thread";
import { recordThreadActivity } from "@server/domain/threads/record-thread-activity";
import { presentMessage } from "@server/presenters/message";
import type { InboundMessageEvent } from "@server/providers/inbound-event";
import { enqueueJob } from "@server/queue/enqueue-job";
import { eq, sql } from "drizzle-orm";
import { describeInboundContent } from "./describe-inbound-content";
import { findQuotedMessages } from "./find-quoted-messages";
import { lockProviderIds } from "./lock-provider-ids";
import { STATUS_RANK } from "./message-status";

export const FETCH_INBOUND_MEDIA_QUEUE = "fetch-inbound-media";

type MessageRow = typeof messageLogs.$inferSelect;

export type RecordInboundMessageResult =
  | { outcome: "recorded"; message: MessageRow; contactId: number; threadId: number }
  | { outcome: "duplicate"; messageId: number };

/**
 * Stores a guest's message (a redelivery of a provider id already stored is a no-op) in the thread
 * linkThread finds or opens for the sender (contact found or created by normalized phone, race-safe),
 * then records the thread activity (unread, WhatsApp/SMS window, reopen, assignment). Media is recorded
 * as PENDING and fetched into storage by a separate job, because Gupshup's media URLs expire.
 */
export async function recordInboundMessage(
  ctx: Ctx,
  input: { event: InboundMessageEvent; webhookEventId?: number },
): Promise<RecordInboundMessageResult> {
  const { event } = input;
  return withTransaction(ctx, async (tx) => {
    const providerId = event.providerMessageId;
    if (providerId) {
      // Concurrent deliveries of one id queue here; the second sees the first's committed row.
      await lockProviderIds(tx, [providerId]);
      const [existing] = await preparedQuery(tx.db, "message_id_by_provider_id", (db, name) =>
        db
          .select({ id: messageLogs.id })
          .from(messageLogs)
          .where(eq(messageLogs.providerMessageId, sql.placeholder("providerId")))
          .prepare(name),
      ).execute({ providerId });
      if (existing) return { outcome: "duplicate", messageId: existing.id };
    }
    const csatReply = await recordCsatReply(tx, { event, webhookEventId: input.webhookEventId });
    if (csatReply) return csatReply;
    const at = event.timestamp ?? tx.now();
    const content = describeInboundContent(event.content);
    const { contact, thread } = await linkThread(tx, {
      phone: event.from,
      phoneFormat: "international",
      name: event.senderName,
      channel: event.channel,
      direction: "INBOUND",
      receivingNumber: event.to,
      at,
    });
    // A WhatsApp message from the guest proves Gupshup's earlier "not on WhatsApp" (1002) is stale.
    if (event.channel === "WHATSAPP" && contact.whatsappUnreachableAt)
      await tx.db.update(contacts).set({ whatsappUnreachableAt: null }).where(eq(contacts.id, contact.id));
    const media = content.media;
    const [message] = await tx.db
      .insert(messageLogs)
      .values({
        contactId: contact.id,
        threadId: thread.id,
        bookingId: thread.bookingId,
        channel: event.channel,
        direction: "INBOUND",
        status: "DELIVERED",
        statusRank: STATUS_RANK.delivered,
        providerStatus: "received",
        phone: contact.phone ?? event.from,
        message: content.text,
        providerMessageId: providerId ?? null,
        providerTimestamp: at,
        sentAt: at,
        deliveredAt: at,
        replyToProviderId: event.replyTo?.providerMessageId ?? event.replyTo?.whatsappMessageId ?? null,
        metadata: {
          content: event.content,
          senderName: event.senderName ?? null,
          receivingNumber: event.to ?? null,
          replyTo: event.replyTo ?? null,
          webhookEventId: input.webhookEventId ?? null,
        },
        ...(media
          ? {
              mediaType: media.type,
              mediaUrl: media.url,
              mediaCaption: media.caption,
              mediaFilename: media.filename,
              mediaMimeType: media.mimeType,
              // Without a URL (a v3 media id only) there is nothing we can fetch: say so at once.
              mediaStatus: media.url ? "PENDING" : "FAILED",
            }
          : {}),
        createdAt: tx.now(),
        updatedAt: tx.now(),
      })
      .returning();
    if (!message) throw new Error("inbound message insert returned nothing");
    // Unread, the WhatsApp/SMS window, a resolved thread reopening (and its assignment): hub's verb.
    const { thread: bumped } = await recordThreadActivity(tx, {
      threadId: thread.id,
      contactId: thread.contactId,
      direction: "INBOUND",
      channel: event.channel,
      at,
      preview: content.preview,
    });
    if (media?.url)
      await enqueueJob(tx, FETCH_INBOUND_MEDIA_QUEUE, { messageId: message.id }, { maxAttempts: 6 });
    await enqueueAutoReplies(tx, { messageId: message.id, propertyId: bumped.propertyId });
    await publishEvent(tx, {
      type: "message.received",
      propertyId: bumped.propertyId,
      threadId: bumped.id,
      payload: presentMessage(message, { quoted: await findQuotedMessages(tx, [message]) }),
    });
    return { outcome: "recorded", message, contactId: contact.id, threadId: thread.id };
  });
}
