import type { Ctx } from "@server/context";
import { csatSurveys } from "@server/db/schema/index";
import type { Thread } from "@server/domain/threads/get-thread";
import { enqueueJob } from "@server/queue/enqueue-job";
import { findCsatSettings } from "./csat-settings";

export const SEND_CSAT_SURVEY_QUEUE = "send-csat-survey";

/**
 * Called in the transaction that resolved a thread: when its property asks for surveys, books one for
 * this resolution (the thread's resolvedAt; a second call for the same resolution is a no-op) and
 * queues its send after the property's delay. Whether it still goes out is decided when the job runs.
 */
export async function scheduleCsatSurvey(ctx: Ctx, input: { thread: Thread; from: string }): Promise<void> {
  const { thread } = input;
  if (input.from === "RESOLVED" || thread.status !== "RESOLVED" || !thread.resolvedAt || !thread.propertyId)
    return;
  const settings = await findCsatSettings(ctx, thread.propertyId);
  if (!settings.enabled) return;
  const [survey] = await ctx.db
    .insert(csatSurveys)
    .values({
      threadId: thread.id,
      propertyId: thread.propertyId,
      contactId: thread.contactId,
      resolvedAt: thread.resolvedAt,
      createdAt: ctx.now(),
    })
    .onConflictDoNothing()
    .returning({ id: csatSurveys.id });
  if (!survey) return;
  const runAt = new Date(ctx.now().getTime() + settings.delayMinutes * 60_000);
  await enqueueJob(ctx, SEND_CSAT_SURVEY_QUEUE, { surveyId: survey.id }, { runAt, maxAttempts: 5 });
}
