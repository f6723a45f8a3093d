import type { OutboundMedia, TemplateHeaderMedia } from "@contract/outbound";
import { whatsappWindow } from "@contract/whatsapp-window";
import type { Config } from "@server/config";
import type { Ctx } from "@server/context";
import { lockAdvisory } from "@server/db/advisory-lock";
import { contacts, messageLogs, threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { canAccessProperty } from "@server/domain/access/property-scope";
import { getBooking } from "@server/domain/bookings/get-booking";
import { normalizePhone } from "@server/domain/contacts/normalize-phone";
import { clearThreadDraft } from "@server/domain/drafts/clear-thread-draft";
import { STATUS_RANK } from "@server/domain/messages/message-status";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { getThread } from "@server/domain/threads/get-thread";
import { linkThread } from "@server/domain/threads/link-thread";
import { recordThreadActivity } from "@server/domain/threads/record-thread-activity";
import { AccessDeniedError, AppError, validationFailed } from "@server/errors";
import { presentMessage } from "@server/presenters/message";
import { enqueueJob } from "@server/queue/enqueue-job";
import { eq, max } from "drizzle-orm";
import { checkMediaFile } from "./check-media-file";
import { findByIdempotencyKey, hashRequest, idempotencyScope } from "./idempotency-key";
import type { OutboundInteractive } from "./outbound-request";
import { checkMedia, checkTextLength, type OutboundChannel, parseChannel } from "./outbound-rules";
import { type ResolvedTemplate, resolveTemplate } from "./resolve-template";
import { mediaAsHeader, type StoredTemplateHeader, templateHeaderFor } from "./template-header";

export const SEND_OUTBOUND_MESSAGE_QUEUE = "send-outbound-message";

export type MessageRow = typeof messageLogs.$inferSelect;

export type SendMessageInput = {
  /** The guest's phone in any common format; optional when threadId names the conversation. */
  phone?: string;
  channel: string;
  message?: string;
  bookingId?: number;
  threadId?: number;
  templateId?: string | number;
  templateParams?: string[];
  /** The media of a template's IMAGE/VIDEO/DOCUMENT header; required for those templates only. */
  headerMedia?: TemplateHeaderMedia;
  media?: OutboundMedia;
  /** The attachment's bytes are already in the media store (a composer upload): the thread shows them. */
  storedMedia?: { key: string; mimeType: string; size: number };
  /** The Idempotency-Key header: the same key and body return the first message instead of a second. */
  idempotencyKey?: string;
  /** WhatsApp only: send `message` as a list or reply buttons (kept in metadata for the send job). */
  interactive?: OutboundInteractive;
};

export type SendMessageResult = { message: MessageRow; replayed: boolean };

/**
 * Accepts one outbound WhatsApp or SMS message: validates it (nothing is stored when it is refused),
 * then in one transaction finds or creates the contact, links the thread, stores the message as PENDING
 * (sendState QUEUED) and enqueues its send job, the transactional outbox. The provider is called by the
 * job, never inside this transaction. With an idempotency key, a repeat of the same request returns the
 * first message; a different request under the same key is IDEMPOTENCY_KEY_REUSED.
 */
export async function sendMessage(ctx: Ctx, input: SendMessageInput): Promise<SendMessageResult> {
  if (!ctx.config.gupshup.enabled)
    throw new AppError("PROVIDER_DISABLED", "sending is switched off (GUPSHUP_ENABLED=false)");
  const channel = parseChannel(input.channel);
  const requestHash = hashRequest(input);
  const scope = idempotencyScope(ctx, input.idempotencyKey);
  // The attachment's server is asked before the transaction: no network call holds a connection.
  if (input.media && input.templateId === undefined) {
    checkMedia(channel, input.media);
    await checkMediaFile(ctx, input.media);
  }

  return withTransaction(ctx, async (tx) => {
    if (scope && input.idempotencyKey) {
      await lockAdvisory(tx, "idempotency", `${scope}:${input.idempotencyKey}`);
      const replay = await findByIdempotencyKey(tx, scope, input.idempotencyKey);
      if (replay) {
        if (replay.requestHash !== requestHash)
          throw new AppError(
            "IDEMPOTENCY_KEY_REUSED",
            "this Idempotency-Key was used for a different request; use a new key for a new message",
          );
        return { message: replay, replayed: true };
      }
    }

    const explicitThread = input.threadId === undefined ? undefined : await getThread(tx, input.threadId);
    // With a thread named, linkThread does not look at the booking: check the caller may see it here.
    if (explicitThread && input.bookingId !== undefined) await getBooking(tx, input.bookingId);
    const phone = await recipientPhone(tx, input.phone, explicitThread);
    const content = await resolveContent(tx, channel, input);
    const [contact] = await tx.db.select().from(contacts).where(eq(contacts.phone, phone));
    if (contact && (channel === "WHATSAPP" ? contact.whatsappOptedOut : contact.smsOptedOut))
      throw new AppError(
        "CONTACT_OPTED_OUT",
        `the guest opted out of ${channel === "WHATSAPP" ? "WhatsApp" : "SMS"} messages`,
      );
    if (contact?.marketingOptedOut && content.template?.template.category?.toUpperCase() === "MARKETING")
      throw new AppError(
        "CONTACT_OPTED_OUT",
        `the guest stopped marketing messages on WhatsApp: the MARKETING template ${content.template.template.name} cannot be sent to them (replies and utility templates can)`,
        { scope: "marketing" },
      );
    if (channel === "WHATSAPP" && !content.template && tx.config.whatsapp.enforceSessionWindow)
      await assertSessionWindowOpen(tx, contact?.id);

    const now = tx.now();
    const linked = explicitThread
      ? { contactId: explicitThread.contactId, thread: explicitThread }
      : await linkOutbound(tx, { phone, channel, bookingId: input.bookingId, at: now });
    const [message] = await tx.db
      .insert(messageLogs)
      .values({
        contactId: linked.contactId,
        threadId: linked.thread.id,
        bookingId: input.bookingId ?? linked.thread.bookingId,
        channel,
        direction: "OUTBOUND",
        status: "PENDING",
        statusRank: STATUS_RANK.pending,
        phone,
        message: content.text,
        templateId: content.template?.template.providerTemplateId ?? null,
        templateParams: content.template?.params ?? null,
        sendState: "QUEUED",
        attemptCount: 0,
        nextAttemptAt: now,
        idempotencyScope: scope ?? null,
        idempotencyKey: scope ? (input.idempotencyKey ?? null) : null,
        requestHash,
        senderStaffId: tx.actor.type === "staff" ? tx.actor.staffUserId : null,
        senderApiKeyId: tx.actor.type === "apiKey" ? tx.actor.apiKeyId : null,
        metadata: {
          queuedAt: now.toISOString(),
          retryBase: 0,
          interactive: input.interactive,
          templateHeader: content.templateHeader,
        },
        ...(input.media
          ? {
              mediaType: input.media.type,
              mediaUrl: input.media.url,
              mediaCaption: input.media.caption ?? null,
              mediaFilename: input.media.filename ?? null,
              ...(input.storedMedia && {
                mediaStatus: "STORED",
                mediaStoragePath: input.storedMedia.key,
                mediaMimeType: input.storedMedia.mimeType,
                mediaSize: input.storedMedia.size,
              }),
            }
          : {}),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!message) throw new Error("outbound message insert returned nothing");
    // Sent, so the sender's draft for this thread and channel is done with (same transaction).
    if (tx.actor.type === "staff")
      await clearThreadDraft(tx, {
        threadId: linked.thread.id,
        propertyId: linked.thread.propertyId,
        channel,
        staffUserId: tx.actor.staffUserId,
      });
    const { thread } = await recordThreadActivity(tx, {
      threadId: linked.thread.id,
      contactId: linked.thread.contactId,
      direction: "OUTBOUND",
      channel,
      at: now,
      preview: content.text ?? (input.media ? `[${input.media.type}]` : null),
    });
    await enqueueJob(tx, SEND_OUTBOUND_MESSAGE_QUEUE, { messageId: message.id }, sendJobOptions(tx));
    await publishEvent(tx, {
      type: "message.created",
      propertyId: thread.propertyId,
      threadId: thread.id,
      payload: presentMessage(message),
    });
    return { message, replayed: false };
  });
}

/**
 * The send job's own attempt limit: message attempts are counted on the message (OUTBOUND_MAX_ATTEMPTS),
 * so the job only needs headroom above them for runs that end before an attempt (a lost lease, a crash).
 */
export function sendJobMaxAttempts(config: Config): number {
  return config.outbound.maxAttempts + 10;
}

/** Job options for a message's send job (the same limit the job is registered with). */
export function sendJobOptions(ctx: Ctx) {
  return { maxAttempts: sendJobMaxAttempts(ctx.config) };
}

type Content = { text: string | null; template?: ResolvedTemplate; templateHeader?: StoredTemplateHeader };

async function resolveContent(ctx: Ctx, channel: OutboundChannel, input: SendMessageInput): Promise<Content> {
  if (input.templateId !== undefined) {
    const template = await resolveTemplate(ctx, {
      templateId: input.templateId,
      params: input.templateParams,
      channel,
    });
    const templateHeader = templateHeaderFor(
      template.template,
      input.headerMedia ?? mediaAsHeader(template.template, input.media),
    );
    return { text: template.rendered, template, templateHeader };
  }
  if (input.headerMedia) throw validationFailed("headerMedia", "given without templateId");
  if (input.templateParams?.length) throw validationFailed("templateParams", "given without templateId");
  const text = input.message?.trim() ? input.message : null;
  if (!text && !input.media)
    throw validationFailed("message", "is required (or send a templateId, or media)");
  if (input.interactive && channel !== "WHATSAPP") throw validationFailed("interactive", "is WhatsApp only");
  if (text) checkTextLength(ctx.config, channel, text);
  return { text: text ?? input.media?.caption ?? null };
}

async function recipientPhone(
  ctx: Ctx,
  given: string | undefined,
  thread: { contactId: number } | undefined,
): Promise<string> {
  const phone = given === undefined ? undefined : normalizePhone(given, ctx.config.defaultCountry);
  if (!thread) {
    if (!phone) throw validationFailed("phone", "is required");
    return phone;
  }
  const [contact] = await ctx.db
    .select({ phone: contacts.phone })
    .from(contacts)
    .where(eq(contacts.id, thread.contactId));
  if (!contact?.phone) throw validationFailed("threadId", "the thread's guest has no phone number");
  if (phone && phone !== contact.phone)
    throw validationFailed("phone", "does not match the phone of the thread's guest");
  return contact.phone;
}

/**
 * WhatsApp allows free-form messages only within 24 hours of the guest's latest WhatsApp message;
 * after that only an approved template may open the conversation again.
 */
async function assertSessionWindowOpen(ctx: Ctx, contactId: number | undefined): Promise<void> {
  const [latest] = contactId
    ? await ctx.db
        .select({ at: max(threads.lastWhatsappInboundAt) })
        .from(threads)
        .where(eq(threads.contactId, contactId))
    : [];
  const at = latest?.at ? new Date(latest.at) : undefined;
  if (whatsappWindow(at ?? null, ctx.now()).open) return;
  throw new AppError(
    "SESSION_WINDOW_CLOSED",
    "the guest has not written on WhatsApp in the last 24 hours: send an approved template instead (templateId and templateParams)",
    { lastWhatsappInboundAt: at?.toISOString() ?? null },
  );
}

async function linkOutbound(
  ctx: Ctx,
  input: { phone: string; channel: OutboundChannel; bookingId?: number; at: Date },
) {
  const { contact, thread } = await linkThread(ctx, {
    phone: input.phone,
    // Already canonical (recipientPhone): reading it again in DEFAULT_COUNTRY could change it.
    phoneFormat: "international",
    channel: input.channel,
    direction: "OUTBOUND",
    bookingId: input.bookingId,
    at: input.at,
  });
  // A member of one property may not start (or write into) another property's conversation; the
  // caller passes the booking or the thread to say which conversation is meant.
  if (!canAccessProperty(ctx, thread.propertyId))
    throw new AccessDeniedError("thread for phone", input.phone);
  return { contactId: contact.id, thread };
}
