import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
import { properties, threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { and, eq, inArray, sql } from "drizzle-orm";
import { listAssigneeCandidates } from "./list-assignee-candidates";
import { pickAssignee } from "./pick-assignee";
import { recordAssignmentChange, recordAssignmentChanges } from "./record-assignment-change";

type Thread = typeof threads.$inferSelect;

/**
 * Round-robin assignment of an unassigned thread to its property's next available staff member, if
 * the property's policy covers it (BOOKING_LINKED: only threads with a booking; ALL: every thread).
 * The property row is locked (FOR NO KEY UPDATE) while the cursor is read and advanced, so concurrent
 * assignments rotate strictly. Returns the assignee id, or null (the thread stays in the queue).
 */
export async function autoAssignThread(
  ctx: Ctx,
  input: { thread: Thread; at?: Date },
): Promise<number | null> {
  const { thread } = input;
  if (thread.propertyId === null || thread.assigneeId !== null) return thread.assigneeId;
  const later = ctx.afterCommit ? deferred.get(ctx.afterCommit) : undefined;
  if (later) {
    later.push({ threadId: thread.id, at: input.at });
    return null;
  }
  const propertyId = thread.propertyId;
  return withTransaction(ctx, async (tx) => {
    const [property] = await lockPropertyForAssignment(tx, propertyId);
    if (!property) return null;
    if (property.assignmentPolicy === "BOOKING_LINKED" && thread.bookingId === null) return null;
    const staffId = pickAssignee(
      await listAssigneeCandidates(tx, propertyId),
      property.roundRobinLastStaffId,
    );
    if (staffId === undefined) return null;
    await tx.db
      .update(properties)
      .set({ roundRobinLastStaffId: staffId })
      .where(eq(properties.id, propertyId));
    await tx.db
      .update(threads)
      .set({ assigneeId: staffId, updatedAt: tx.now() })
      .where(eq(threads.id, thread.id));
    await recordAssignmentChange(tx, {
      threadId: thread.id,
      propertyId,
      from: null,
      to: staffId,
      how: "round_robin",
      at: input.at,
    });
    return staffId;
  });
}

/**
 * The property row, locked while its rotation is read and advanced. NO KEY UPDATE, not UPDATE: the
 * caller's thread insert holds a KEY SHARE lock on this row (the foreign key), which UPDATE would wait
 * on across transactions and deadlock.
 */
function lockPropertyForAssignment(tx: Ctx, propertyId: number) {
  return preparedQuery(tx.db, "property_for_assignment", (db, name) =>
    db
      .select()
      .from(properties)
      .where(eq(properties.id, sql.placeholder("id")))
      .for("no key update")
      .prepare(name),
  ).execute({ id: propertyId });
}

// Assignments put off to the end of a transaction that deferred them, keyed by its afterCommit list
// (shared by every ctx derived from that transaction's).
const deferred = new WeakMap<object, Array<{ threadId: number; at?: Date }>>();

/**
 * From now until flushAutoAssignments, autoAssignThread in this transaction notes the thread and leaves
 * it unassigned for the moment. Batched webhook processing uses it: the property row stays locked from
 * an assignment to the commit, and a lane of many guests' messages that assigned early held that lock
 * through all the rest, so concurrent lanes of one property waited for each other.
 */
export function deferAutoAssignments(tx: Ctx): void {
  if (tx.afterCommit) deferred.set(tx.afterCommit, []);
}

/**
 * Assigns the noted threads in the order they were noted, as autoAssignThread one after another would:
 * per property, its row locked once, the rotation and each person's load advanced in memory, and the
 * assignments, timeline events and audit entries written with one statement each. Call it last.
 */
export async function flushAutoAssignments(tx: Ctx): Promise<void> {
  const list = tx.afterCommit ? deferred.get(tx.afterCommit) : undefined;
  if (!list || !tx.afterCommit) return;
  deferred.delete(tx.afterCommit);
  if (list.length === 0) return;
  const atOf = new Map<number, Date | undefined>();
  for (const { threadId, at } of list) if (!atOf.has(threadId)) atOf.set(threadId, at);
  // Read again: later messages of the transaction may have attached a booking meanwhile.
  const rows = await tx.db
    .select()
    .from(threads)
    .where(inArray(threads.id, [...atOf.keys()]));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const byProperty = new Map<number, Thread[]>();
  for (const id of atOf.keys()) {
    const thread = byId.get(id);
    if (!thread || thread.propertyId === null || thread.assigneeId !== null) continue;
    byProperty.set(thread.propertyId, [...(byProperty.get(thread.propertyId) ?? []), thread]);
  }
  for (const [propertyId, waiting] of [...byProperty].sort(([a], [b]) => a - b))
    await assignInTurn(tx, propertyId, waiting, atOf);
}

async function assignInTurn(
  tx: Ctx,
  propertyId: number,
  waiting: Thread[],
  atOf: Map<number, Date | undefined>,
): Promise<void> {
  const [property] = await lockPropertyForAssignment(tx, propertyId);
  if (!property) return;
  const candidates = await listAssigneeCandidates(tx, propertyId);
  let last = property.roundRobinLastStaffId;
  const picks: Array<{ thread: Thread; staffId: number }> = [];
  for (const thread of waiting) {
    if (property.assignmentPolicy === "BOOKING_LINKED" && thread.bookingId === null) continue;
    const staffId = pickAssignee(candidates, last);
    if (staffId === undefined) break;
    const picked = candidates.find((c) => c.id === staffId);
    if (picked) picked.openThreads += 1;
    last = staffId;
    picks.push({ thread, staffId });
  }
  if (picks.length === 0) return;
  await tx.db.update(properties).set({ roundRobinLastStaffId: last }).where(eq(properties.id, propertyId));
  const assignments = picks.map(({ thread, staffId }) => ({ id: thread.id, staff_id: staffId }));
  await tx.db
    .update(threads)
    .set({ assigneeId: sql`v.staff_id`, updatedAt: tx.now() })
    .from(sql`jsonb_to_recordset(${JSON.stringify(assignments)}::jsonb) as v(id int, staff_id int)`)
    .where(
      and(
        sql`${threads.id} = v.id`,
        inArray(
          threads.id,
          assignments.map((a) => a.id),
        ),
      ),
    );
  await recordAssignmentChanges(
    tx,
    picks.map(({ thread, staffId }) => ({
      threadId: thread.id,
      propertyId,
      from: null,
      to: staffId,
      how: "round_robin" as const,
      at: atOf.get(thread.id),
    })),
  );
}
