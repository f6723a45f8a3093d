import type { Thread } from "@server/domain/threads/get-thread";

export type SlaKind = "FIRST_RESPONSE" | "NEXT_RESPONSE" | "RESOLUTION";

/** The three targets, the thread columns that carry each one and the policy field that sets it. */
export const SLA_CLOCKS = [
  {
    kind: "FIRST_RESPONSE",
    due: "slaFirstResponseDueAt",
    breached: "slaFirstResponseBreachedAt",
    target: "firstResponseSeconds",
  },
  {
    kind: "NEXT_RESPONSE",
    due: "slaNextResponseDueAt",
    breached: "slaNextResponseBreachedAt",
    target: "nextResponseSeconds",
  },
  {
    kind: "RESOLUTION",
    due: "slaResolutionDueAt",
    breached: "slaResolutionBreachedAt",
    target: "resolutionSeconds",
  },
] as const satisfies ReadonlyArray<{
  kind: SlaKind;
  due: keyof Thread;
  breached: keyof Thread;
  target: "firstResponseSeconds" | "nextResponseSeconds" | "resolutionSeconds";
}>;

export type SlaClockState = Pick<
  Thread,
  | "slaFirstResponseDueAt"
  | "slaFirstResponseBreachedAt"
  | "slaNextResponseDueAt"
  | "slaNextResponseBreachedAt"
  | "slaResolutionDueAt"
  | "slaResolutionBreachedAt"
  | "slaDueAt"
  | "slaPausedAt"
>;

export function slaClockState(thread: Thread): SlaClockState {
  return {
    slaFirstResponseDueAt: thread.slaFirstResponseDueAt,
    slaFirstResponseBreachedAt: thread.slaFirstResponseBreachedAt,
    slaNextResponseDueAt: thread.slaNextResponseDueAt,
    slaNextResponseBreachedAt: thread.slaNextResponseBreachedAt,
    slaResolutionDueAt: thread.slaResolutionDueAt,
    slaResolutionBreachedAt: thread.slaResolutionBreachedAt,
    slaDueAt: thread.slaDueAt,
    slaPausedAt: thread.slaPausedAt,
  };
}

/** The earliest running due, or null when no clock runs. */
export function earliestDue(state: SlaClockState): Date | null {
  let earliest: Date | null = null;
  for (const clock of SLA_CLOCKS) {
    const due = state[clock.due];
    if (due && (!earliest || due.getTime() < earliest.getTime())) earliest = due;
  }
  return earliest;
}

/** Which running target is due first (the one the inbox shows), with its due and breach times. */
export function nearestTarget(
  state: SlaClockState,
): { kind: SlaKind; dueAt: Date; breachedAt: Date | null } | null {
  let nearest: { kind: SlaKind; dueAt: Date; breachedAt: Date | null } | null = null;
  for (const clock of SLA_CLOCKS) {
    const due = state[clock.due];
    if (due && (!nearest || due.getTime() < nearest.dueAt.getTime()))
      nearest = { kind: clock.kind, dueAt: due, breachedAt: state[clock.breached] };
  }
  return nearest;
}
