import { MARK_SLA_BREACHES_QUEUE, markSlaBreaches } from "@server/domain/sla/mark-sla-breaches";
import { defineJob } from "@server/queue/job-definition";
import { z } from "zod";

/** The default sweep interval (SLA_SWEEP_SECONDS sets it): a breach shows within this long. */
export const MARK_SLA_BREACHES_EVERY_MS = 30_000;

/** Periodic: marks response-time targets that passed their due time (event, red row, notification). */
export const markSlaBreachesJob = defineJob({
  name: MARK_SLA_BREACHES_QUEUE,
  payload: z.object({}),
  maxAttempts: 3,
  async handle(ctx) {
    await markSlaBreaches(ctx);
  },
});
