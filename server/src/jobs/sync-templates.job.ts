import type { Deps } from "@server/deps";
import { SYNC_TEMPLATES_QUEUE, syncTemplates } from "@server/domain/outbound/sync-templates";
import { defineJob } from "@server/queue/job-definition";
import { z } from "zod";

/** Templates are approved (or paused) at the provider; the copy is refreshed on start and hourly. */
export const SYNC_TEMPLATES_EVERY_MS = 3_600_000;

export function syncTemplatesJob(deps: Deps) {
  return defineJob({
    name: SYNC_TEMPLATES_QUEUE,
    payload: z.object({}),
    maxAttempts: 3,
    backoff: { baseMs: 5_000, maxMs: 60_000 },
    handle: async (ctx) => {
      const result = await syncTemplates(ctx, deps.providers.whatsapp);
      ctx.log.info(result, "WhatsApp templates synced");
    },
  });
}
