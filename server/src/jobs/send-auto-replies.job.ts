import { SEND_AUTO_REPLIES_QUEUE } from "@server/domain/business-hours/enqueue-auto-replies";
import { sendAutoReplies } from "@server/domain/business-hours/send-auto-replies";
import { defineJob } from "@server/queue/job-definition";
import { z } from "zod";

/** Queued when a guest's message is recorded at a property with automatic replies: greeting, out of hours. */
export const sendAutoRepliesJob = defineJob({
  name: SEND_AUTO_REPLIES_QUEUE,
  payload: z.object({ messageId: z.number().int() }),
  maxAttempts: 5,
  async handle(ctx, payload) {
    const outcome = await sendAutoReplies(ctx, payload);
    ctx.log.debug({ messageId: payload.messageId, ...outcome }, "automatic replies");
  },
});
