import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
import { properties, threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { eq, sql } from "drizzle-orm";
import { listAssigneeCandidates } from "./list-assignee-candidates";
import { pickAssignee } from "./pick-assignee";
import { recordAssignmentChange } from "./record-assignment-change";

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
    // NO KEY UPDATE, not UPDATE: the caller's thread insert holds a KEY SHARE lock on this row (the
    // foreign key), which UPDATE would wait on across transactions and deadlock.
    const [property] = await preparedQuery(tx.db, "property_for_assignment", (db, name) =>
      db
        .select()
        .from(properties)
        .where(eq(properties.id, sql.placeholder("id")))
        .for("no key update")
        .prepare(name),
    ).execute({ id: propertyId });
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

/** Assigns the noted threads in the order they were noted, as autoAssignThread would have; call it last. */
export async function flushAutoAssignments(tx: Ctx): Promise<void> {
  const list = tx.afterCommit ? deferred.get(tx.afterCommit) : undefined;
  if (!list || !tx.afterCommit) return;
  deferred.delete(tx.afterCommit);
  const done = new Set<number>();
  for (const { threadId, at } of list) {
    if (done.has(threadId)) continue;
    done.add(threadId);
    // Read again: later messages of the transaction may have attached a booking meanwhile.
    const [thread] = await preparedQuery(tx.db, "thread_by_id", (db, name) =>
      db
        .select()
        .from(threads)
        .where(eq(threads.id, sql.placeholder("id")))
        .prepare(name),
    ).execute({ id: threadId });
    if (thread) await autoAssignThread(tx, { thread, at });
  }
}
