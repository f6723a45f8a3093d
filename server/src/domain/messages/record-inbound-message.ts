import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
import { contacts, messageLogs } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { stashInTransaction, takeFromTransaction } from "@server/db/transaction-memo";
import { enqueueAutoReplies } from "@server/domain/business-hours/enqueue-auto-replies";
import { recordCsatReply } from "@server/domain/csat/record-csat-reply";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { linkThread } from "@server/domain/threads/link-thread";
import { recordThreadActivity } from "@server/domain/threads/record-thread-activity";
import { presentMessage } from "@server/presenters/message";
import type { InboundMessageEvent } from "@server/providers/inbound-event";
import { enqueueJob } from "@server/queue/enqueue-job";
import { eq, inArray, sql } from "drizzle-orm";
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
      const existing = await storedMessageId(tx, providerId);
      if (existing !== undefined) return { outcome: "duplicate", messageId: existing };
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
    const [message] = await insertInboundMessage(tx, {
      contactId: contact.id,
      threadId: thread.id,
      bookingId: thread.bookingId,
      channel: event.channel,
      phone: contact.phone ?? event.from,
      message: content.text,
      providerMessageId: providerId ?? null,
      at,
      replyToProviderId: event.replyTo?.providerMessageId ?? event.replyTo?.whatsappMessageId ?? null,
      metadata: {
        content: event.content,
        senderName: event.senderName ?? null,
        receivingNumber: event.to ?? null,
        replyTo: event.replyTo ?? null,
        webhookEventId: input.webhookEventId ?? null,
      },
      mediaType: media?.type ?? null,
      mediaUrl: media?.url ?? null,
      mediaCaption: media?.caption ?? null,
      mediaFilename: media?.filename ?? null,
      mediaMimeType: media?.mimeType ?? null,
      // Without a URL (a v3 media id only) there is nothing we can fetch: say so at once.
      mediaStatus: media ? (media.url ? "PENDING" : "FAILED") : null,
      now: tx.now(),
    });
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

const UNSTORED_PROVIDER_ID = "unstored-provider-id";

/** The id of the message stored under this provider id, if any. Call holding the id's lock (lockProviderIds). */
async function storedMessageId(ctx: Ctx, providerId: string): Promise<number | undefined> {
  // Known absent at the batch's start, and the lock kept it so: only this transaction can store it, and
  // the fact is taken, so a second message with this id in the batch looks again and finds the first.
  if (takeFromTransaction<true>(ctx, UNSTORED_PROVIDER_ID, providerId)) return undefined;
  const [existing] = await preparedQuery(ctx.db, "message_id_by_provider_id", (db, name) =>
    db
      .select({ id: messageLogs.id })
      .from(messageLogs)
      .where(eq(messageLogs.providerMessageId, sql.placeholder("providerId")))
      .prepare(name),
  ).execute({ providerId });
  return existing?.id;
}

/**
 * Notes, for the rest of the transaction, which of `providerIds` no stored message has, so that
 * recordInboundMessage skips its lookup for them: a batch of many messages asks once. Call holding the
 * ids' locks (lockProviderIds), which keep them unstored by anyone else until the commit.
 */
export async function noteUnstoredProviderIds(ctx: Ctx, providerIds: string[]): Promise<void> {
  if (providerIds.length === 0) return;
  const stored = await ctx.db
    .select({ providerMessageId: messageLogs.providerMessageId })
    .from(messageLogs)
    .where(inArray(messageLogs.providerMessageId, providerIds));
  const known = new Set(stored.map((row) => row.providerMessageId));
  stashInTransaction(
    ctx,
    UNSTORED_PROVIDER_ID,
    providerIds.filter((id) => !known.has(id)).map((id) => [id, true] as const),
  );
}

type InboundMessageValues = Pick<
  MessageRow,
  | "contactId"
  | "threadId"
  | "bookingId"
  | "channel"
  | "phone"
  | "message"
  | "providerMessageId"
  | "replyToProviderId"
  | "metadata"
  | "mediaType"
  | "mediaUrl"
  | "mediaCaption"
  | "mediaFilename"
  | "mediaMimeType"
  | "mediaStatus"
> & { at: Date; now: Date };

/**
 * The message row, inserted by a statement built once per connection: every guest message runs it, and
 * building this wide insert with its `returning` cost more CPU than PostgreSQL spent running it.
 */
function insertInboundMessage(ctx: Ctx, values: InboundMessageValues): Promise<MessageRow[]> {
  const p = (name: keyof InboundMessageValues) => sql.placeholder(name);
  return preparedQuery(ctx.db, "insert_inbound_message", (db, name) =>
    db
      .insert(messageLogs)
      .values({
        contactId: p("contactId"),
        threadId: p("threadId"),
        bookingId: p("bookingId"),
        channel: p("channel"),
        direction: "INBOUND",
        status: "DELIVERED",
        statusRank: STATUS_RANK.delivered,
        providerStatus: "received",
        phone: p("phone"),
        message: p("message"),
        providerMessageId: p("providerMessageId"),
        providerTimestamp: p("at"),
        sentAt: p("at"),
        deliveredAt: p("at"),
        replyToProviderId: p("replyToProviderId"),
        metadata: p("metadata"),
        mediaType: p("mediaType"),
        mediaUrl: p("mediaUrl"),
        mediaCaption: p("mediaCaption"),
        mediaFilename: p("mediaFilename"),
        mediaMimeType: p("mediaMimeType"),
        mediaStatus: p("mediaStatus"),
        createdAt: p("now"),
        updatedAt: p("now"),
      })
      .returning()
      .prepare(name),
  ).execute(values);
}
