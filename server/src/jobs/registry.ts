import type { Deps } from "@server/deps";
import { EXPIRE_HELD_STATUSES_QUEUE } from "@server/domain/messages/expire-held-statuses";
import { SETTLE_UNKNOWN_SENDS_QUEUE } from "@server/domain/outbound/settle-unknown-sends";
import { SYNC_TEMPLATES_QUEUE } from "@server/domain/outbound/sync-templates";
import { APPLY_RETENTION_QUEUE } from "@server/domain/privacy/apply-retention";
import { MARK_SLA_BREACHES_QUEUE } from "@server/domain/sla/mark-sla-breaches";
import type { JobDefinition } from "@server/queue/job-definition";
import type { RecurringJob } from "@server/queue/recurring-jobs";
import { APPLY_RETENTION_EVERY_MS, applyRetentionJob } from "./apply-retention.job";
import { EXPIRE_HELD_STATUSES_EVERY_MS, expireHeldStatusesJob } from "./expire-held-statuses.job";
import { fetchInboundMediaJob } from "./fetch-inbound-media.job";
import { MARK_SLA_BREACHES_EVERY_MS, markSlaBreachesJob } from "./mark-sla-breaches.job";
import { processWebhookEventJob } from "./process-webhook-event.job";
import { REFRESH_REPORT_ROLLUPS_EVERY_MS, refreshReportRollupsJob } from "./refresh-report-rollups.job";
import { sendAutoRepliesJob } from "./send-auto-replies.job";
import { sendCsatSurveyJob } from "./send-csat-survey.job";
import { sendOutboundMessageJob } from "./send-outbound-message.job";
import { SETTLE_UNKNOWN_SENDS_EVERY_MS, settleUnknownSendsJob } from "./settle-unknown-sends.job";
import { SYNC_TEMPLATES_EVERY_MS, syncTemplatesJob } from "./sync-templates.job";
import { wakeSnoozedThreadJob } from "./wake-snoozed-thread.job";

/** Every job definition the worker runs. Add new `*.job.ts` definitions here. */
export function allJobs(deps: Deps): JobDefinition<never>[] {
  return [
    registered(wakeSnoozedThreadJob),
    registered(processWebhookEventJob(deps)),
    registered(fetchInboundMediaJob(deps)),
    registered(expireHeldStatusesJob(deps)),
    registered(sendOutboundMessageJob(deps)),
    registered(settleUnknownSendsJob),
    registered(syncTemplatesJob(deps)),
    registered(applyRetentionJob(deps)),
    registered(sendCsatSurveyJob),
    registered(sendAutoRepliesJob),
    registered(markSlaBreachesJob),
    registered(refreshReportRollupsJob),
  ];
}

/** Jobs the worker queues on a timer (periodic maintenance). */
export function recurringJobs(slaSweepMs = MARK_SLA_BREACHES_EVERY_MS): RecurringJob[] {
  return [
    { queue: EXPIRE_HELD_STATUSES_QUEUE, everyMs: EXPIRE_HELD_STATUSES_EVERY_MS },
    { queue: SETTLE_UNKNOWN_SENDS_QUEUE, everyMs: SETTLE_UNKNOWN_SENDS_EVERY_MS },
    { queue: SYNC_TEMPLATES_QUEUE, everyMs: SYNC_TEMPLATES_EVERY_MS },
    { queue: APPLY_RETENTION_QUEUE, everyMs: APPLY_RETENTION_EVERY_MS },
    { queue: MARK_SLA_BREACHES_QUEUE, everyMs: slaSweepMs },
    { queue: refreshReportRollupsJob.name, everyMs: REFRESH_REPORT_ROLLUPS_EVERY_MS },
  ];
}

// The runner parses every payload with the definition's own schema before calling handle, so erasing
// the payload type for the heterogeneous list is sound.
function registered<P>(definition: JobDefinition<P>): JobDefinition<never> {
  return definition as unknown as JobDefinition<never>;
}
