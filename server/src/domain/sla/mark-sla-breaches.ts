import type { Ctx } from "@server/context";
import { propertyMemberships, slaOutcomes, staffUsers, threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { publishEvent } from "@server/domain/realtime/publish-event";
import type { Thread } from "@server/domain/threads/get-thread";
import { publishThreadUpdated } from "@server/domain/threads/publish-thread-updated";
import { recordThreadEvent } from "@server/domain/threads/record-thread-event";
import { and, asc, eq, isNull, lte, ne, or, type SQL } from "drizzle-orm";
import { SLA_CLOCKS } from "./sla-clocks";

export const MARK_SLA_BREACHES_QUEUE = "mark-sla-breaches";

/**
 * Marks every running target whose due time has passed as breached, once: the breach time on the
 * thread, an outcome, an "SLA breached" event on its timeline, a `thread.updated` (the inbox row turns
 * red) and a `thread.sla_breached` naming who to notify (the assignee, or the property's managers when
 * the thread is unassigned). Works through at most `limit` threads per run, most overdue first.
 */
export async function markSlaBreaches(ctx: Ctx, input: { limit?: number } = {}): Promise<number> {
  return withTransaction(ctx, async (tx) => {
    const now = tx.now();
    const overdue: SQL[] = SLA_CLOCKS.map(
      (c) => and(lte(threads[c.due], now), isNull(threads[c.breached])) as SQL,
    );
    const rows = await tx.db
      .select()
      .from(threads)
      .where(and(lte(threads.slaDueAt, now), ne(threads.status, "RESOLVED"), or(...overdue)))
      .orderBy(asc(threads.slaDueAt), asc(threads.id))
      .limit(input.limit ?? 200)
      .for("update", { skipLocked: true });
    for (const thread of rows) await breach(tx, thread, now);
    return rows.length;
  });
}

async function breach(ctx: Ctx, thread: Thread, now: Date): Promise<void> {
  const patch: Partial<Thread> = {};
  const kinds: Array<{ kind: (typeof SLA_CLOCKS)[number]["kind"]; dueAt: Date }> = [];
  for (const clock of SLA_CLOCKS) {
    const dueAt = thread[clock.due];
    if (!dueAt || dueAt.getTime() > now.getTime() || thread[clock.breached]) continue;
    patch[clock.breached] = dueAt;
    kinds.push({ kind: clock.kind, dueAt });
  }
  const [updated] = await ctx.db.update(threads).set(patch).where(eq(threads.id, thread.id)).returning();
  await ctx.db.insert(slaOutcomes).values(
    kinds.map((k) => ({
      threadId: thread.id,
      propertyId: thread.propertyId,
      ...k,
      outcome: "BREACHED" as const,
      at: k.dueAt,
    })),
  );
  const notify = await whoToNotify(ctx, thread);
  for (const k of kinds) {
    await recordThreadEvent(ctx, {
      threadId: thread.id,
      type: "sla_breached",
      data: { kind: k.kind, dueAt: k.dueAt.toISOString() },
    });
    await publishEvent(ctx, {
      type: "thread.sla_breached",
      propertyId: thread.propertyId,
      threadId: thread.id,
      payload: { threadId: thread.id, kind: k.kind, dueAt: k.dueAt.toISOString(), notifyStaffIds: notify },
    });
  }
  await publishThreadUpdated(ctx, updated ?? thread);
}

/** The assignee; for an unassigned thread, the property's active managers. */
async function whoToNotify(ctx: Ctx, thread: Thread): Promise<number[]> {
  if (thread.assigneeId !== null) return [thread.assigneeId];
  if (thread.propertyId === null) return [];
  const managers = await ctx.db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .innerJoin(propertyMemberships, eq(propertyMemberships.staffUserId, staffUsers.id))
    .where(
      and(
        eq(propertyMemberships.propertyId, thread.propertyId),
        eq(staffUsers.role, "MANAGER"),
        eq(staffUsers.isActive, true),
      ),
    );
  return managers.map((m) => m.id).sort((a, b) => a - b);
}
