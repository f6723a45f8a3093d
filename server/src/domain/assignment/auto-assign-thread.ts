import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
import { properties, threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { and, eq, inArray, sql } from "drizzle-orm";
import { listAssigneeCandidates } from "./list-assignee-candidates";
import { pickAssignee } from "./pick-assignee";
import { type AssignmentChange, recordAssignmentChanges } from "./record-assignment-change";

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
    const assigned = await assignInTurn(tx, propertyId, [{ thread, at: input.at }]);
    return assigned.get(thread.id) ?? null;
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

/** Assigns the noted threads in the order they were noted, property by property; call it last. */
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
  const byProperty = new Map<number, Array<{ thread: Thread; at?: Date }>>();
  for (const [id, at] of atOf) {
    const thread = byId.get(id);
    if (!thread || thread.propertyId === null || thread.assigneeId !== null) continue;
    const waiting = byProperty.get(thread.propertyId) ?? [];
    waiting.push({ thread, at });
    byProperty.set(thread.propertyId, waiting);
  }
  for (const [propertyId, waiting] of [...byProperty].sort(([a], [b]) => a - b))
    await assignInTurn(tx, propertyId, waiting);
}

/**
 * Deals `waiting` threads of one property in turn, as the rotation would one after another: the row
 * locked once, each person's load advanced in memory, and the assignments, timeline events and audit
 * entries written with one statement each. Returns the assignee of each thread it assigned.
 */
async function assignInTurn(
  tx: Ctx,
  propertyId: number,
  waiting: Array<{ thread: Thread; at?: Date }>,
): Promise<Map<number, number>> {
  const assigned = new Map<number, number>();
  const [property] = await lockPropertyForAssignment(tx, propertyId);
  if (!property) return assigned;
  const candidates = await listAssigneeCandidates(tx, propertyId);
  let last = property.roundRobinLastStaffId;
  const changes: AssignmentChange[] = [];
  for (const { thread, at } of waiting) {
    if (property.assignmentPolicy === "BOOKING_LINKED" && thread.bookingId === null) continue;
    const staffId = pickAssignee(candidates, last);
    if (staffId === undefined) break;
    const picked = candidates.find((c) => c.id === staffId);
    if (picked) picked.openThreads += 1;
    last = staffId;
    assigned.set(thread.id, staffId);
    changes.push({ threadId: thread.id, propertyId, from: null, to: staffId, how: "round_robin", at });
  }
  if (changes.length === 0) return assigned;
  await tx.db.update(properties).set({ roundRobinLastStaffId: last }).where(eq(properties.id, propertyId));
  const rows = [...assigned].map(([id, staffId]) => ({ id, staff_id: staffId }));
  await tx.db
    .update(threads)
    .set({ assigneeId: sql`v.staff_id`, updatedAt: tx.now() })
    .from(sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id int, staff_id int)`)
    .where(and(sql`${threads.id} = v.id`, inArray(threads.id, [...assigned.keys()])));
  await recordAssignmentChanges(tx, changes);
  return assigned;
}
