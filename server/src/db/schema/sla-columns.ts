import { at } from "./columns";

/**
 * A thread's running response-time targets (server/src/domain/sla): each due-at is set while its clock
 * runs and cleared when the target is met or stops; breached-at is set by the breach sweep while the
 * target is still running. `slaDueAt` is the earliest running due (null while paused), for the
 * "breaching soon" sort and the sweep.
 */
export const threadSlaColumns = () => ({
  slaFirstResponseDueAt: at(),
  slaFirstResponseBreachedAt: at(),
  slaNextResponseDueAt: at(),
  slaNextResponseBreachedAt: at(),
  slaResolutionDueAt: at(),
  slaResolutionBreachedAt: at(),
  slaDueAt: at(),
  /** Set while the clocks are paused (snoozed or pending under a policy that pauses). */
  slaPausedAt: at(),
});
