import type { Ctx } from "@server/context";
import { threads } from "@server/db/schema/index";
import type { Thread } from "@server/domain/threads/get-thread";
import { eq } from "drizzle-orm";
import { findSlaPolicy } from "./find-sla-policy";
import { loadSlaCalendar } from "./sla-calendar";
import { earliestDue, SLA_CLOCKS, slaClockState } from "./sla-clocks";

/**
 * After a thread's priority changed: each running target not yet due moves by the difference between
 * the old and the new priority's policy, so the working time already spent still counts (an urgent
 * guest's 60-minute first reply becomes 15 minutes from when they wrote, not from now). Overdue and
 * breached targets stay as they are. Call in the transaction that changed the priority.
 */
export async function retargetThreadSla(ctx: Ctx, thread: Thread, previousPriority: number): Promise<Thread> {
  if (thread.status === "RESOLVED" || (thread.slaDueAt === null && thread.slaPausedAt === null))
    return thread;
  const scope = { propertyId: thread.propertyId, channel: thread.lastInboundChannel };
  const before = await findSlaPolicy(ctx, { ...scope, priority: previousPriority });
  const after = await findSlaPolicy(ctx, { ...scope, priority: thread.priority });
  if (!before || !after || before.id === after.id) return thread;
  const calendar = await loadSlaCalendar(ctx, thread.propertyId);
  // While paused the clock stands at the pause: the remaining time is counted from there.
  const from = thread.slaPausedAt ?? ctx.now();
  const state = slaClockState(thread);
  for (const clock of SLA_CLOCKS) {
    const due = state[clock.due];
    const oldTarget = before[clock.target];
    const newTarget = after[clock.target];
    if (!due || state[clock.breached] || due.getTime() <= from.getTime()) continue;
    if (oldTarget === null || newTarget === null) continue;
    const remaining = calendar.between(from, due) + (newTarget - oldTarget) * 1000;
    state[clock.due] = calendar.add(from, Math.max(0, remaining)) ?? due;
  }
  state.slaDueAt = state.slaPausedAt ? null : earliestDue(state);
  const [updated] = await ctx.db.update(threads).set(state).where(eq(threads.id, thread.id)).returning();
  return updated ?? thread;
}
