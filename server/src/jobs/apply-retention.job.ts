import type { Deps } from "@server/deps";
import {
  APPLY_RETENTION_QUEUE,
  applyRetention,
  type RetentionKind,
} from "@server/domain/privacy/apply-retention";
import { expireResolvedMedia } from "@server/domain/privacy/expire-resolved-media";
import { expireUnsentUploads } from "@server/domain/uploads/expire-unsent-uploads";
import { defineJob } from "@server/queue/job-definition";
import { z } from "zod";

/** How often the worker queues a retention run (one queued at a time across instances). */
export const APPLY_RETENTION_EVERY_MS = 3_600_000;

/** Batches per kind in one run: a backlog is worked off over several hourly runs, never in one long one. */
export const RETENTION_MAX_BATCHES = 20;

/**
 * Periodic: deletes rows past their retention period (RETENTION_*_DAYS) and the attachments of threads
 * resolved longer ago than their property's media retention and composer uploads never sent, and counts
 * them in /metrics.
 */
export function applyRetentionJob(deps: Deps) {
  return defineJob({
    name: APPLY_RETENTION_QUEUE,
    payload: z.object({}),
    maxAttempts: 3,
    handle: async (ctx) => {
      const policy = { ...deps.config.retention, maxBatches: RETENTION_MAX_BATCHES };
      const removed = await applyRetention(ctx, policy);
      for (const [kind, count] of Object.entries(removed) as Array<[RetentionKind, number]>)
        deps.metrics.retentionRowsRemoved.inc({ kind }, count);
      const media = await expireResolvedMedia(ctx, deps.mediaStore, policy);
      const unsent = await expireUnsentUploads(ctx, deps.mediaStore, policy);
      deps.metrics.retentionRowsRemoved.inc({ kind: "media" }, media + unsent);
    },
  });
}
