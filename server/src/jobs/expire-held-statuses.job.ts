import type { Deps } from "@server/deps";
import { EXPIRE_HELD_STATUSES_QUEUE, expireHeldStatuses } from "@server/domain/messages/expire-held-statuses";
import { defineJob } from "@server/queue/job-definition";
import { z } from "zod";

/** How often the worker queues the sweep (one queued at a time across instances). */
export const EXPIRE_HELD_STATUSES_EVERY_MS = 3_600_000;

/** Periodic: deletes held statuses older than HELD_STATUS_RETENTION_HOURS. */
export function expireHeldStatusesJob(deps: Deps) {
  return defineJob({
    name: EXPIRE_HELD_STATUSES_QUEUE,
    payload: z.object({}),
    maxAttempts: 3,
    handle: async (ctx) => {
      await expireHeldStatuses(ctx, { retentionMs: deps.config.heldStatusRetentionMs });
    },
  });
}
