import type { Ctx } from "@server/context";
import { contacts, messageLogs, messageStatusEvents } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { recordMarketingPreference } from "@server/domain/contacts/record-marketing-preference";
import { mapProviderFailure, meansNotOnWhatsapp } from "@server/domain/outbound/failure-policy";
import { and, eq, isNotNull, or, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { lockProviderIds } from "./lock-provider-ids";
import { rankOf, STATUS_RANK, statusForRank } from "./message-status";
import { publishMessageEvent } from "./publish-message-event";

/** A delivery status reported by the provider, already normalized by the webhook parser. */
export type StatusUpdate = {
  /** Gupshup's message id (the send response's messageId, `gsId`). */
  providerMessageId?: string;
  /** WhatsApp's id (wamid): after about a week, status events carry only this. */
  whatsappMessageId?: string;
  /** The recipient the provider reported (digits), when it did. */
  recipientPhone?: string;
  /** The provider's own word: submitted, enqueued, sent, delivered, read, failed, deleted, … */
  providerStatus: string;
  occurredAt?: Date;
  errorCode?: string;
  errorReason?: string;
  /** Deterministic, unique per distinct event: a redelivered callback is recorded once. */
  eventKey: string;
  webhookEventId?: number;
  raw?: unknown;
};

/** Meta's "this recipient has chosen to stop receiving marketing messages from your business". */
const MARKETING_STOPPED_ERROR = "131050";

export type StatusUpdateResult = "applied" | "stale" | "held" | "duplicate" | "recorded";

/**
 * Records a status event in the message's history and moves the message's status forward when the
 * event outranks it, in one conditional update (so racing callbacks cannot downgrade). An event for
 * an id we do not know yet is held, and applied when the send result stores that id.
 */
export async function applyStatusUpdate(ctx: Ctx, update: StatusUpdate): Promise<StatusUpdateResult> {
  const rank = rankOf(update.providerStatus);
  return withTransaction(ctx, async (tx) => {
    await lockProviderIds(tx, [update.providerMessageId, update.whatsappMessageId]);
    const message = await findMessage(tx, update);
    const [event] = await tx.db
      .insert(messageStatusEvents)
      .values({
        messageId: message?.id ?? null,
        providerMessageId: update.providerMessageId ?? null,
        whatsappMessageId: update.whatsappMessageId ?? null,
        recipientPhone: update.recipientPhone ?? null,
        status: rank === undefined ? (message?.status ?? "PENDING") : statusForRank(rank),
        providerStatus: update.providerStatus,
        occurredAt: update.occurredAt ?? null,
        errorCode: update.errorCode ?? null,
        errorReason: update.errorReason ?? null,
        eventKey: update.eventKey,
        webhookEventId: update.webhookEventId ?? null,
        raw: update.raw ?? null,
        appliedAt: message ? ctx.now() : null,
      })
      .onConflictDoNothing({ target: messageStatusEvents.eventKey })
      .returning({ id: messageStatusEvents.id });
    if (!event) return "duplicate";
    if (!message) return "held";
    if (rank === undefined) return "recorded";
    const moved = await moveStatus(tx, message.id, rank, update, message.statusRank);
    return moved ? "applied" : "stale";
  });
}

async function findMessage(ctx: Ctx, update: StatusUpdate) {
  const ids = [
    update.providerMessageId ? eq(messageLogs.providerMessageId, update.providerMessageId) : undefined,
    update.whatsappMessageId ? eq(messageLogs.whatsappMessageId, update.whatsappMessageId) : undefined,
    // Gupshup puts its own id in `id` on some events; it may be either of ours.
    update.whatsappMessageId ? eq(messageLogs.providerMessageId, update.whatsappMessageId) : undefined,
  ].filter((c) => c !== undefined);
  if (ids.length === 0) return undefined;
  const [row] = await ctx.db
    .select({
      id: messageLogs.id,
      status: messageLogs.status,
      statusRank: messageLogs.statusRank,
      whatsappMessageId: messageLogs.whatsappMessageId,
    })
    .from(messageLogs)
    .where(or(...ids))
    .limit(1)
    // Serializes events of one message; NO KEY UPDATE does not conflict with the KEY SHARE lock that
    // inserting a history row (foreign key) takes, so concurrent callbacks queue instead of deadlocking.
    .for("no key update");
  if (
    row &&
    update.whatsappMessageId &&
    !row.whatsappMessageId &&
    update.whatsappMessageId !== update.providerMessageId
  ) {
    await ctx.db
      .update(messageLogs)
      .set({ whatsappMessageId: update.whatsappMessageId })
      .where(eq(messageLogs.id, row.id));
  }
  return row;
}

/**
 * Moves a message's status to `rank` if that is higher (under the row lock, so racing callbacks
 * serialize); each step's own timestamp is kept at its earliest report whether or not the status moves,
 * and a READ without a DELIVERED backfills delivered. A failure keeps the provider's code and text and
 * our mapped code; WhatsApp's "number not on WhatsApp" (1002) marks the contact, a delivery unmarks it.
 * Returns whether the status moved. `lockedRank`:
 * the message's rank as read under that row lock earlier in this transaction, which saves reading it again.
 */
export async function moveStatus(
  ctx: Ctx,
  messageId: number,
  rank: number,
  update: StatusUpdate,
  lockedRank?: number,
): Promise<boolean> {
  const currentRank = lockedRank ?? (await lockStatusRank(ctx, messageId));
  if (currentRank === undefined) return false;
  const moves = rank > currentRank;
  const at = update.occurredAt ?? ctx.now();
  const failure = moves && rank === STATUS_RANK.failed ? await failureFields(ctx, messageId, update) : {};
  const earliest = (column: AnyPgColumn, applies: boolean) =>
    applies ? sql`least(coalesce(${column}, ${at}), ${at})` : column;
  const [row] = await ctx.db
    .update(messageLogs)
    .set({
      ...(moves
        ? {
            status: statusForRank(rank),
            statusRank: rank,
            providerStatus: update.providerStatus,
            ...failure,
          }
        : {}),
      sentAt: earliest(messageLogs.sentAt, rank >= STATUS_RANK.sent),
      deliveredAt: earliest(messageLogs.deliveredAt, rank >= STATUS_RANK.delivered),
      readAt: earliest(messageLogs.readAt, rank === STATUS_RANK.read),
      failedAt: earliest(messageLogs.failedAt, rank === STATUS_RANK.failed),
      updatedAt: ctx.now(),
    })
    .where(eq(messageLogs.id, messageId))
    .returning();
  if (row && moves) {
    await updateWhatsappReachability(ctx, row, rank);
    await publishMessageEvent(ctx, "message.status_changed", row);
  }
  // Meta refuses a marketing template to a guest who stopped marketing messages: that is their choice.
  if (row?.contactId && rank === STATUS_RANK.failed && update.errorCode === MARKETING_STOPPED_ERROR)
    await recordMarketingPreference(ctx, {
      guest: { contactId: row.contactId },
      optedOut: true,
      at,
      source: `error-${MARKETING_STOPPED_ERROR}`,
    });
  return moves;
}

async function failureFields(ctx: Ctx, messageId: number, update: StatusUpdate) {
  const [message] = await ctx.db
    .select({ channel: messageLogs.channel })
    .from(messageLogs)
    .where(eq(messageLogs.id, messageId));
  const providerCode = update.errorCode?.trim() || null;
  return {
    errorCode: mapProviderFailure(message?.channel ?? "WHATSAPP", providerCode ?? undefined),
    errorMessage: update.errorReason || null,
    providerErrorCode: providerCode,
    providerErrorText: update.errorReason?.trim() || null,
    failureDismissedAt: null,
  };
}

async function updateWhatsappReachability(
  ctx: Ctx,
  row: typeof messageLogs.$inferSelect,
  rank: number,
): Promise<void> {
  if (row.channel !== "WHATSAPP" || row.direction !== "OUTBOUND" || row.contactId === null) return;
  if (rank === STATUS_RANK.failed && meansNotOnWhatsapp(row.channel, row.providerErrorCode))
    await ctx.db
      .update(contacts)
      .set({ whatsappUnreachableAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(contacts.id, row.contactId));
  else if (rank >= STATUS_RANK.delivered)
    await ctx.db
      .update(contacts)
      .set({ whatsappUnreachableAt: null, updatedAt: ctx.now() })
      .where(and(eq(contacts.id, row.contactId), isNotNull(contacts.whatsappUnreachableAt)));
}

async function lockStatusRank(ctx: Ctx, messageId: number): Promise<number | undefined> {
  const [current] = await ctx.db
    .select({ statusRank: messageLogs.statusRank })
    .from(messageLogs)
    .where(eq(messageLogs.id, messageId))
    .for("no key update");
  return current?.statusRank;
}
