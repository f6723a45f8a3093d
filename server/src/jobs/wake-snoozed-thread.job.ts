import { WAKE_SNOOZED_THREAD_QUEUE } from "@server/domain/threads/set-thread-status";
import { wakeSnoozedThread } from "@server/domain/threads/wake-snoozed-thread";
import { defineJob } from "@server/queue/job-definition";
import { z } from "zod";

/** Queued when a thread is snoozed until a time; brings it back to OPEN then. */
export const wakeSnoozedThreadJob = defineJob({
  name: WAKE_SNOOZED_THREAD_QUEUE,
  payload: z.object({ threadId: z.number().int() }),
  maxAttempts: 5,
  async handle(ctx, payload) {
    await wakeSnoozedThread(ctx, payload);
  },
});
