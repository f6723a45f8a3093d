import type { Deps } from "@server/deps";
import type { JobDefinition } from "@server/queue/job-definition";

/** Every job definition the worker runs. Add new `*.job.ts` definitions here. */
export function allJobs(_deps: Deps): JobDefinition<never>[] {
  return [];
}
