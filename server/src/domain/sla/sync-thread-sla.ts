import type { Ctx } from "@server/context";
import { slaOutcomes, threads } from "@server/db/schema/index";
import type { Thread } from "@server/domain/threads/get-thread";
import { eq } from "drizzle-orm";
import { findSlaPolicy, type SlaPolicy } from "./find-sla-policy";
import { loadSlaCalendar, type SlaCalendar } from "./sla-calendar";
import { earliestDue, SLA_CLOCKS, type SlaClockState, type SlaKind, slaClockState } from "./sla-clocks";

/** What just happened to the thread: a guest item, a reply, or a status change (resolve, snooze, reopen, wake). */
export type SlaTrigger =
  | { type: "inbound"; at: Date; channel: string }
  | { type: "outbound"; at: Date }
  | { type: "status" }
  /** Moved to another property: running targets start again under that property's policy and hours. */
  | { type: "moved" };

/** The trigger for a message, call or email recorded on the thread. */
export function slaTriggerOf(activity: {
  direction: "INBOUND" | "OUTBOUND";
  at: Date;
  channel: string;
}): SlaTrigger {
  return activity.direction === "INBOUND"
    ? { type: "inbound", at: activity.at, channel: activity.channel }
    : { type: "outbound", at: activity.at };
}

type Outcome = { kind: SlaKind; outcome: "MET" | "BREACHED"; dueAt: Date; at: Date };

/**
 * Brings a thread's running SLA targets up to date after `trigger`: a guest item starts the first- or
 * next-response clock, a reply (from staff, an API key or the provider; not an automatic message sent by
 * the system) meets them, resolving meets the resolution target and stops every clock,
 * reopening starts the resolution clock again, snoozing (or pending) pauses them when the policy says so
 * and waking resumes them with the working time that was left. Records each met target as an outcome.
 * Call inside the transaction that changed the thread, after the change; returns the thread as stored.
 */
export async function syncThreadSla(ctx: Ctx, thread: Thread, trigger: SlaTrigger): Promise<Thread> {
  const before = slaClockState(thread);
  const outcomes: Outcome[] = [];
  let after: SlaClockState;
  if (thread.status === "RESOLVED") {
    after = stopAll(before, thread.resolvedAt ?? ctx.now(), outcomes);
  } else {
    const policy = await findSlaPolicy(ctx, {
      propertyId: thread.propertyId,
      channel: trigger.type === "inbound" ? trigger.channel : thread.lastInboundChannel,
      priority: thread.priority,
    });
    if (!policy && before.slaDueAt === null && before.slaPausedAt === null) return thread;
    const calendar = await loadSlaCalendar(ctx, thread.propertyId);
    after = runClocks(ctx, thread, { before, policy, calendar, trigger, outcomes });
  }
  if (
    SLA_CLOCKS.every(
      (c) => sameTime(before[c.due], after[c.due]) && sameTime(before[c.breached], after[c.breached]),
    ) &&
    sameTime(before.slaDueAt, after.slaDueAt) &&
    sameTime(before.slaPausedAt, after.slaPausedAt) &&
    outcomes.length === 0
  )
    return thread;
  const [updated] = await ctx.db.update(threads).set(after).where(eq(threads.id, thread.id)).returning();
  if (outcomes.length)
    await ctx.db
      .insert(slaOutcomes)
      .values(outcomes.map((o) => ({ ...o, threadId: thread.id, propertyId: thread.propertyId })));
  return updated ?? thread;
}

function runClocks(
  ctx: Ctx,
  thread: Thread,
  input: {
    before: SlaClockState;
    policy: SlaPolicy | undefined;
    calendar: SlaCalendar;
    trigger: SlaTrigger;
    outcomes: Outcome[];
  },
): SlaClockState {
  const { policy, calendar, trigger, outcomes } = input;
  const now = ctx.now();
  const state = { ...input.before };
  const paused =
    policy?.pauseWhileSnoozed === true && (thread.status === "SNOOZED" || thread.status === "PENDING");
  if (trigger.type === "moved") restartUnder(state, policy, calendar, state.slaPausedAt ?? now);
  if (!paused && state.slaPausedAt) resume(state, calendar, state.slaPausedAt, now);
  // An automatic message (the system's out-of-hours reply or survey) is not an answer from the team.
  if (trigger.type === "outbound" && ctx.actor.type !== "system") {
    meet(state, "FIRST_RESPONSE", trigger.at, outcomes);
    meet(state, "NEXT_RESPONSE", trigger.at, outcomes);
  }
  // A clock started while paused would be shifted again on resume: new clocks wait for the thread to wake.
  if (policy && !paused && !state.slaPausedAt) {
    const start = trigger.type === "status" || trigger.type === "moved" ? now : trigger.at;
    const due = (seconds: number) => calendar.add(start, seconds * 1000);
    if (trigger.type === "inbound") {
      if (thread.firstResponseAt === null) {
        if (!state.slaFirstResponseDueAt && policy.firstResponseSeconds !== null)
          state.slaFirstResponseDueAt = due(policy.firstResponseSeconds);
      } else if (!state.slaNextResponseDueAt && policy.nextResponseSeconds !== null) {
        state.slaNextResponseDueAt = due(policy.nextResponseSeconds);
      }
    }
    if (!state.slaResolutionDueAt && policy.resolutionSeconds !== null)
      state.slaResolutionDueAt = due(policy.resolutionSeconds);
  }
  if (paused && !state.slaPausedAt) state.slaPausedAt = now;
  state.slaDueAt = state.slaPausedAt ? null : earliestDue(state);
  return state;
}

function stopAll(before: SlaClockState, resolvedAt: Date, outcomes: Outcome[]): SlaClockState {
  const state = { ...before };
  meet(state, "RESOLUTION", resolvedAt, outcomes);
  for (const clock of SLA_CLOCKS) {
    state[clock.due] = null;
    state[clock.breached] = null;
  }
  state.slaDueAt = null;
  state.slaPausedAt = null;
  return state;
}

/** The target is reached at `at`: an outcome unless the sweep already recorded its breach; the clock stops. */
function meet(state: SlaClockState, kind: SlaKind, at: Date, outcomes: Outcome[]): void {
  const clock = SLA_CLOCKS.find((c) => c.kind === kind);
  if (!clock) return;
  const dueAt = state[clock.due];
  if (!dueAt) return;
  if (!state[clock.breached])
    outcomes.push(
      at.getTime() <= dueAt.getTime()
        ? { kind, outcome: "MET", dueAt, at }
        : { kind, outcome: "BREACHED", dueAt, at: dueAt },
    );
  state[clock.due] = null;
  state[clock.breached] = null;
}

/**
 * The new desk gets the whole of its own target from the move (or from the pause, which resume then
 * shifts): a target the new policy does not set stops without an outcome, and a breach at the old
 * property stays in the timeline but no longer marks the thread.
 */
function restartUnder(
  state: SlaClockState,
  policy: SlaPolicy | undefined,
  calendar: SlaCalendar,
  from: Date,
): void {
  for (const clock of SLA_CLOCKS) {
    if (!state[clock.due]) continue;
    const seconds = policy?.[clock.target] ?? null;
    state[clock.due] = seconds === null ? null : calendar.add(from, seconds * 1000);
    state[clock.breached] = null;
  }
}

/** Each running due moves on by the working time the pause took out of it. */
function resume(state: SlaClockState, calendar: SlaCalendar, pausedAt: Date, now: Date): void {
  for (const clock of SLA_CLOCKS) {
    const dueAt = state[clock.due];
    if (!dueAt || dueAt.getTime() <= pausedAt.getTime()) continue;
    state[clock.due] = calendar.add(now, calendar.between(pausedAt, dueAt));
  }
  state.slaPausedAt = null;
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
