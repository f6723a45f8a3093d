import type { Deps } from "@server/deps";
import type { JobDefinition } from "@server/queue/job-definition";
import { wakeSnoozedThreadJob } from "./wake-snoozed-thread.job";

/** Every job definition the worker runs. Add new `*.job.ts` definitions here. */
export function allJobs(_deps: Deps): JobDefinition<never>[] {
  return [registered(wakeSnoozedThreadJob)];
}

// The runner parses every payload with the definition's own schema before calling handle, so erasing
// the payload type for the heterogeneous list is sound.
function registered<P>(definition: JobDefinition<P>): JobDefinition<never> {
  return definition as unknown as JobDefinition<never>;
}
