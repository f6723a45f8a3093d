import type { Ctx } from "@server/context";
import { AppError } from "@server/errors";
import { describeFailure } from "./failure-policy";
import { getMessage } from "./get-message";
import { type SendMessageResult, sendMessage } from "./send-message";
import { smsAvailableForContact } from "./sms-availability";

/**
 * "Send as SMS" for a WhatsApp message that cannot reach the guest (not on WhatsApp, window closed):
 * the same text as a new SMS on the same thread, through the normal send path. The idempotency key is
 * derived from the failed message, so a second click (or a second person) gets the same SMS back.
 */
export async function sendFailedAsSms(ctx: Ctx, messageId: number): Promise<SendMessageResult> {
  const { message } = await getMessage(ctx, messageId);
  const smsAvailable = await smsAvailableForContact(ctx, message.contactId);
  const failure = describeFailure(message, smsAvailable);
  if (!failure?.nextSteps.includes("SEND_AS_SMS") || message.threadId === null || message.message === null)
    throw new AppError(
      "NEXT_STEP_UNAVAILABLE",
      `message ${messageId} cannot be sent as SMS: ${
        failure
          ? (failure.reason ?? `its failure (${failure.code}) is not one SMS can help with`)
          : "it has not failed"
      }`,
      { messageId, failure },
    );
  return sendMessage(ctx, {
    channel: "SMS",
    threadId: message.threadId,
    message: message.message,
    idempotencyKey: `send-as-sms:${messageId}`,
  });
}
