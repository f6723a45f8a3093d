import type { ThreadSla } from "@contract/sla";
import { nearestTarget, slaClockState } from "@server/domain/sla/sla-clocks";
import type { Thread } from "@server/domain/threads/get-thread";

/** The running target the inbox row shows (the one due first), or null. */
export function presentThreadSla(thread: Thread): ThreadSla | null {
  if (thread.status === "RESOLVED" || thread.slaPausedAt) return null;
  const target = nearestTarget(slaClockState(thread));
  if (!target) return null;
  return {
    kind: target.kind,
    dueAt: target.dueAt.toISOString(),
    breachedAt: target.breachedAt?.toISOString() ?? null,
  };
}
