import {
  REFRESH_REPORT_ROLLUPS_QUEUE,
  refreshReportRollups,
} from "@server/domain/reports/refresh-report-rollups";
import { defineJob } from "@server/queue/job-definition";
import { z } from "zod";

/**
 * How often the worker folds recent changes into the report rollups: a report request folds whatever is
 * left itself, so this only keeps that remainder (and the request's wait) small.
 */
export const REFRESH_REPORT_ROLLUPS_EVERY_MS = 60_000;

/** Periodic: brings the report rollups up to date (ADR 0008). */
export const refreshReportRollupsJob = defineJob({
  name: REFRESH_REPORT_ROLLUPS_QUEUE,
  payload: z.object({}),
  maxAttempts: 3,
  handle: async (ctx) => {
    const result = await refreshReportRollups(ctx, { fullCheck: true });
    if (result.rebuilt || result.dirtyHours > 0) ctx.log.debug(result, "report rollups refreshed");
  },
});
