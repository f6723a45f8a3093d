import type { Deps } from "@server/deps";
import { deliverMessage } from "@server/domain/outbound/deliver-message";
import { giveUpSend } from "@server/domain/outbound/give-up-send";
import { SendLanes } from "@server/domain/outbound/send-lanes";
import { SEND_OUTBOUND_MESSAGE_QUEUE, sendJobMaxAttempts } from "@server/domain/outbound/send-message";
import { defineJob } from "@server/queue/job-definition";
import { z } from "zod";

/**
 * Delivers one outbound message (deliverMessage). Retries and pacing are decided by the message's own
 * state, so the job's retries never count against the job: message attempts are on the message.
 */
export function sendOutboundMessageJob(deps: Deps) {
  const { ratePerSecond, breaker } = deps.config.outbound;
  const lanes = new SendLanes(ratePerSecond, Date.now, {
    breakerFailures: breaker.failures,
    breakerResetMs: breaker.resetMs,
  });
  return defineJob({
    name: SEND_OUTBOUND_MESSAGE_QUEUE,
    payload: z.object({ messageId: z.number().int().positive() }),
    maxAttempts: sendJobMaxAttempts(deps.config),
    concurrency: deps.config.outbound.concurrency,
    leaseMs: deps.config.outbound.leaseMs,
    backoff: deps.config.outbound.retryBackoff,
    handle: async (ctx, { messageId }, job) => {
      const outcome = await deliverMessage(
        ctx,
        { providers: deps.providers, lanes, signal: job.signal },
        messageId,
      );
      if (outcome.kind === "settled") return { status: "done" };
      const error = outcome.kind === "paced" ? "paced: the send lane is busy or paused" : outcome.reason;
      return { status: "retry", error, delayMs: outcome.delayMs, countAttempt: false };
    },
    // Only when the job itself kept crashing: the message must not stay PENDING forever.
    onExhausted: async (ctx, payload, error) => {
      if (!payload) return;
      await giveUpSend(ctx, payload.messageId, error);
    },
  });
}
