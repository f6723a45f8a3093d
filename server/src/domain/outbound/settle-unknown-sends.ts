import type { Ctx } from "@server/context";
import { messageLogs, messageStatusEvents, sendAttempts } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { applyHeldStatuses } from "@server/domain/messages/apply-held-statuses";
import { lockProviderIds } from "@server/domain/messages/lock-provider-ids";
import { STATUS_RANK } from "@server/domain/messages/message-status";
import { publishMessageEvent } from "@server/domain/messages/publish-message-event";
import { and, desc, eq, gte, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type { MessageRow } from "./send-message";

export const SETTLE_UNKNOWN_SENDS_QUEUE = "settle-unknown-sends";

export type SettleOutcome = "adopted" | "waiting" | "flagged";

/**
 * Settles outbound messages whose send was ambiguous (the request went out, no answer came back), without
 * ever resending them: a status callback for the same recipient that no message claimed since the
 * attempt started is adopted as this message's (its provider id stored, its statuses applied), provided
 * no other unsettled send to that recipient could own it. What is still unknown after
 * SEND_UNKNOWN_DEADLINE_MINUTES is FAILED (AMBIGUOUS) for a person to check and retry.
 */
export async function settleUnknownSends(ctx: Ctx): Promise<Record<SettleOutcome, number>> {
  const counts = { adopted: 0, waiting: 0, flagged: 0 };
  const unknown = await ctx.db
    .select({ id: messageLogs.id })
    .from(messageLogs)
    .where(and(eq(messageLogs.sendState, "UNKNOWN"), eq(messageLogs.status, "PENDING")))
    .orderBy(messageLogs.id)
    .limit(500);
  for (const { id } of unknown) counts[await settleUnknownSend(ctx, id)] += 1;
  return counts;
}

export async function settleUnknownSend(ctx: Ctx, messageId: number): Promise<SettleOutcome> {
  return withTransaction(ctx, async (tx) => {
    const [message] = await tx.db
      .select()
      .from(messageLogs)
      .where(eq(messageLogs.id, messageId))
      .for("update");
    if (message?.sendState !== "UNKNOWN" || message.status !== "PENDING") return "waiting";
    const [attempt] = await tx.db
      .select({ startedAt: sendAttempts.startedAt })
      .from(sendAttempts)
      .where(eq(sendAttempts.messageId, messageId))
      .orderBy(desc(sendAttempts.attemptNo))
      .limit(1);
    const since = new Date((attempt?.startedAt ?? message.createdAt).getTime() - 1_000);
    const providerId = await soleUnclaimedProviderId(tx, message, since);
    if (providerId) {
      await adopt(tx, message, providerId);
      return "adopted";
    }
    if (tx.now().getTime() - since.getTime() < tx.config.outbound.unknownDeadlineMs) return "waiting";
    const [flagged] = await tx.db
      .update(messageLogs)
      .set({
        status: "FAILED",
        statusRank: STATUS_RANK.failed,
        failureKind: "AMBIGUOUS",
        errorCode: "SEND_UNKNOWN",
        errorMessage:
          "the provider never answered and no status arrived: the guest may or may not have received it; check before retrying",
        failedAt: tx.now(),
        updatedAt: tx.now(),
      })
      .where(eq(messageLogs.id, messageId))
      .returning();
    if (flagged) await publishMessageEvent(tx, "message.updated", flagged);
    return "flagged";
  });
}

async function soleUnclaimedProviderId(
  ctx: Ctx,
  message: MessageRow,
  since: Date,
): Promise<string | undefined> {
  const held = await ctx.db
    .selectDistinct({ providerMessageId: messageStatusEvents.providerMessageId })
    .from(messageStatusEvents)
    .where(
      and(
        isNull(messageStatusEvents.messageId),
        isNotNull(messageStatusEvents.providerMessageId),
        eq(messageStatusEvents.recipientPhone, message.phone),
        gte(messageStatusEvents.createdAt, since),
      ),
    )
    .limit(2);
  if (held.length !== 1 || !held[0]?.providerMessageId) return undefined;
  // Another unsettled send to the same guest could own that callback: then nobody adopts it.
  const [rival] = await ctx.db
    .select({ id: messageLogs.id })
    .from(messageLogs)
    .where(
      and(
        eq(messageLogs.phone, message.phone),
        eq(messageLogs.direction, "OUTBOUND"),
        ne(messageLogs.id, message.id),
        sql`${messageLogs.sendState} in ('UNKNOWN', 'SENDING')`,
      ),
    )
    .limit(1);
  return rival ? undefined : held[0].providerMessageId;
}

async function adopt(ctx: Ctx, message: MessageRow, providerMessageId: string): Promise<void> {
  await lockProviderIds(ctx, [providerMessageId]);
  const [owner] = await ctx.db
    .select({ id: messageLogs.id })
    .from(messageLogs)
    .where(eq(messageLogs.providerMessageId, providerMessageId));
  if (owner) return;
  const [row] = await ctx.db
    .update(messageLogs)
    .set({
      providerMessageId,
      sendState: "ACCEPTED",
      providerStatus: "submitted",
      status: "SENT",
      statusRank: STATUS_RANK.accepted,
      errorCode: null,
      errorMessage: null,
      updatedAt: ctx.now(),
    })
    .where(eq(messageLogs.id, message.id))
    .returning();
  await applyHeldStatuses(ctx, message.id, { providerMessageId });
  const [current] = await ctx.db.select().from(messageLogs).where(eq(messageLogs.id, message.id));
  const latest = current ?? row;
  if (latest) await publishMessageEvent(ctx, "message.updated", latest);
}
