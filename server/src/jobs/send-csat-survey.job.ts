import { SEND_CSAT_SURVEY_QUEUE } from "@server/domain/csat/schedule-csat-survey";
import { sendCsatSurvey } from "@server/domain/csat/send-csat-survey";
import { defineJob } from "@server/queue/job-definition";
import { z } from "zod";

/** Queued when a thread is resolved at a property with surveys on; runs after the property's delay. */
export const sendCsatSurveyJob = defineJob({
  name: SEND_CSAT_SURVEY_QUEUE,
  payload: z.object({ surveyId: z.number().int() }),
  maxAttempts: 5,
  async handle(ctx, payload) {
    await sendCsatSurvey(ctx, payload);
  },
});
