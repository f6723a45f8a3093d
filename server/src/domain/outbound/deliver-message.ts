import type { Ctx } from "@server/context";
import { messageLogs, sendAttempts } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { applyHeldStatuses } from "@server/domain/messages/apply-held-statuses";
import { lockProviderIds } from "@server/domain/messages/lock-provider-ids";
import { publishMessageEvent } from "@server/domain/messages/publish-message-event";
import type { ProviderError, ProviderRegistry, SendResult } from "@server/providers/channel-provider";
import { providerFor } from "@server/providers/registry";
import { backoffDelayMs } from "@server/queue/job-definition";
import { and, eq } from "drizzle-orm";
import { failMessage, SENDABLE_STATES, updateOutboundMessage } from "./give-up-send";
import { outboundMessage } from "./outbound-request";
import { finishAttempt, lockMessage, markAccepted, readMessage, startAttempt } from "./send-attempt-rows";
import { retryBase, sendBudgetExhausted } from "./send-budget";
import type { LaneVerdict, SendLanes } from "./send-lanes";
import type { MessageRow } from "./send-message";
import { settleUnknownSend } from "./settle-unknown-sends";

export type DeliverDeps = { providers: ProviderRegistry; lanes: SendLanes; signal?: AbortSignal };

/** What the send job does next: nothing (settled), or run again after `delayMs`. */
export type DeliverOutcome =
  | { kind: "settled" }
  /** A provider answer that allows another attempt (counted on the message). */
  | { kind: "retry"; delayMs: number; reason: string }
  /** Pacing: the lane is busy or paused; no attempt was made. */
  | { kind: "paced"; delayMs: number };

// Waits on the lane up to this long inside the job; longer waits give the job back to the queue.
const MAX_INLINE_PACING_MS = 2_000;

/**
 * One delivery attempt of an outbound message, in three phases so no transaction spans the provider
 * call: (1) claim — lock the row, mark it SENDING, count the attempt and record an attempt row; (2) the
 * provider call; (3) record the outcome, fenced on the attempt number so a stale worker cannot overwrite
 * a newer attempt. Accepted → SENT with the provider id (and statuses that arrived early applied);
 * retryable → RETRYING with capped, jittered backoff honouring Retry-After, until SEND_MAX_ATTEMPTS or
 * SEND_MAX_AGE_MINUTES, then FAILED (EXHAUSTED); rejected → FAILED (PERMANENT); no answer → UNKNOWN,
 * never resent automatically. A message found SENDING at claim time was in flight when a worker died:
 * that is ambiguous too.
 */
export async function deliverMessage(
  ctx: Ctx,
  deps: DeliverDeps,
  messageId: number,
): Promise<DeliverOutcome> {
  const peek = await readMessage(ctx, messageId);
  if (peek?.direction !== "OUTBOUND") return { kind: "settled" };
  if (SENDABLE_STATES.has(peek.sendState ?? "")) {
    const lane = laneKey(ctx, peek);
    for (;;) {
      const waitMs = deps.lanes.take(lane);
      if (waitMs === 0) break;
      if (waitMs > MAX_INLINE_PACING_MS) return { kind: "paced", delayMs: waitMs };
      await sleep(waitMs, deps.signal);
    }
  }

  // A worker shutting down hands the job back before it claims: no attempt spent, nothing in flight.
  if (deps.signal?.aborted) return { kind: "paced", delayMs: 0 };
  const claim = await claimAttempt(ctx, messageId);
  if (claim.kind !== "claimed") return { kind: "settled" };
  const { message, attemptNo } = claim;
  const startedAt = Date.now();
  const provider = providerFor(deps.providers, message.channel);
  const result = await provider.send(outboundMessage(message), {
    signal: deps.signal,
  });
  deps.lanes.record(laneKey(ctx, message), laneVerdict(result));
  return recordOutcome(ctx, deps, message, attemptNo, result, Date.now() - startedAt);
}

/** An answer (even a refusal) means the provider is up; 5xx, refused connections and timeouts do not. */
function laneVerdict(result: SendResult): LaneVerdict {
  if (result.kind === "accepted" || result.kind === "rejected") return "healthy";
  if (result.kind === "retryable" && result.httpStatus === 429) return "neutral";
  return "failing";
}

type Claim = { kind: "claimed"; message: MessageRow; attemptNo: number } | { kind: "none" };

async function claimAttempt(ctx: Ctx, messageId: number): Promise<Claim> {
  const claim = await withTransaction(ctx, async (tx): Promise<Claim | { kind: "in-flight" }> => {
    const row = await lockMessage(tx, messageId);
    if (!row) return { kind: "none" };
    if (row.sendState === "SENDING") {
      await markInFlightAmbiguous(tx, row);
      return { kind: "in-flight" };
    }
    if (!SENDABLE_STATES.has(row.sendState ?? "")) return { kind: "none" };
    if (sendBudgetExhausted(tx, row)) {
      await failMessage(tx, row, {
        failureKind: "EXHAUSTED",
        errorCode: row.errorCode ?? "EXHAUSTED",
        errorMessage: `gave up: ${row.errorMessage ?? "no attempts left"}`,
      });
      return { kind: "none" };
    }
    const attemptNo = row.attemptCount + 1;
    const message = await startAttempt(tx, row.id, attemptNo);
    return message ? { kind: "claimed", message, attemptNo } : { kind: "none" };
  });
  if (claim.kind === "in-flight") {
    await settleUnknownSend(ctx, messageId);
    return { kind: "none" };
  }
  return claim;
}

/** A worker died (or lost its lease) during the provider call: the provider may have the message. */
async function markInFlightAmbiguous(ctx: Ctx, row: MessageRow): Promise<void> {
  await ctx.db
    .update(sendAttempts)
    .set({
      outcome: "AMBIGUOUS",
      error: "the worker stopped during the provider call",
      finishedAt: ctx.now(),
    })
    .where(and(eq(sendAttempts.messageId, row.id), eq(sendAttempts.attemptNo, row.attemptCount)));
  const [updated] = await ctx.db
    .update(messageLogs)
    .set({
      sendState: "UNKNOWN",
      errorMessage: "the worker stopped during the provider call; waiting for the provider's status",
      updatedAt: ctx.now(),
    })
    .where(eq(messageLogs.id, row.id))
    .returning();
  if (updated) await publishMessageEvent(ctx, "message.updated", updated);
}

async function recordOutcome(
  ctx: Ctx,
  deps: DeliverDeps,
  message: MessageRow,
  attemptNo: number,
  result: SendResult,
  durationMs: number,
): Promise<DeliverOutcome> {
  const outcome = await withTransaction(ctx, async (tx): Promise<DeliverOutcome | "unknown"> => {
    if (result.kind === "accepted") await lockProviderIds(tx, [result.providerMessageId]);
    const current = await lockMessage(tx, message.id);
    // Fenced: only the attempt that claimed the row may settle it.
    if (!current || current.attemptCount !== attemptNo || current.sendState !== "SENDING")
      return { kind: "settled" };
    await finishAttempt(tx, { messageId: message.id, attemptNo, result, durationMs });

    switch (result.kind) {
      case "accepted": {
        const accepted = await markAccepted(tx, message.id, result);
        if (accepted) {
          const { propertyId, ...row } = accepted;
          await publishMessageEvent(tx, "message.updated", row, { propertyId });
        }
        await applyHeldStatuses(tx, message.id, { providerMessageId: result.providerMessageId });
        break;
      }
      case "rejected":
        await failMessage(tx, current, {
          failureKind: "PERMANENT",
          errorCode: result.code,
          errorMessage: result.reason,
          ...providerError(result),
        });
        break;
      case "retryable": {
        if (result.retryAfterMs !== undefined) deps.lanes.pause(laneKey(tx, current), result.retryAfterMs);
        const next = { ...current, attemptCount: attemptNo };
        if (sendBudgetExhausted(tx, next)) {
          await failMessage(tx, current, {
            failureKind: "EXHAUSTED",
            errorCode: result.code,
            errorMessage: `gave up after ${attemptNo - retryBase(current)} attempts: ${result.reason}`,
            ...providerError(result),
          });
          break;
        }
        const backoff = tx.config.outbound.retryBackoff;
        const delayMs = Math.min(
          Math.max(result.retryAfterMs ?? 0, backoffDelayMs(attemptNo - retryBase(current) - 1, backoff)),
          Math.max(backoff.maxMs, result.retryAfterMs ?? 0),
        );
        await updateOutboundMessage(tx, message.id, {
          sendState: "RETRYING",
          nextAttemptAt: new Date(tx.now().getTime() + delayMs),
          errorCode: result.code,
          errorMessage: result.reason,
          ...providerError(result),
        });
        return { kind: "retry", delayMs, reason: `${result.code}: ${result.reason}` };
      }
      case "ambiguous":
        await updateOutboundMessage(tx, message.id, { sendState: "UNKNOWN", errorMessage: result.reason });
        return "unknown";
    }
    return { kind: "settled" };
  });
  if (outcome !== "unknown") return outcome;
  // Callbacks for the message may already be held: adopt them at once when they are unambiguous.
  await settleUnknownSend(ctx, message.id);
  return { kind: "settled" };
}

/** The provider's own code and text from a refusal, as the message stores them. */
function providerError(result: ProviderError) {
  return { providerErrorCode: result.providerCode ?? null, providerErrorText: result.providerText ?? null };
}

/** Sends are paced per source number: WhatsApp's business number, or the SMS sender id. */
function laneKey(ctx: Ctx, row: MessageRow): string {
  const g = ctx.config.gupshup;
  return row.channel === "WHATSAPP"
    ? `WHATSAPP:${g.source ?? "default"}`
    : `SMS:${g.sms.sender ?? "default"}`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
