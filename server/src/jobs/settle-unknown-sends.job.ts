import { SETTLE_UNKNOWN_SENDS_QUEUE, settleUnknownSends } from "@server/domain/outbound/settle-unknown-sends";
import { defineJob } from "@server/queue/job-definition";
import { z } from "zod";

/** How often the worker looks at ambiguous sends (adopt a late status, or flag for staff). */
export const SETTLE_UNKNOWN_SENDS_EVERY_MS = 15_000;

export const settleUnknownSendsJob = defineJob({
  name: SETTLE_UNKNOWN_SENDS_QUEUE,
  payload: z.object({}),
  maxAttempts: 3,
  handle: async (ctx) => {
    const counts = await settleUnknownSends(ctx);
    if (counts.adopted || counts.flagged) ctx.log.info(counts, "ambiguous sends settled");
  },
});
