import type { Ctx } from "@server/context";
import { threads } from "@server/db/schema/index";
import { findStaffInProperty } from "@server/domain/staff/find-staff-in-property";
import { eq } from "drizzle-orm";
import { autoAssignThread } from "./auto-assign-thread";
import { recordAssignmentChange } from "./record-assignment-change";

type Thread = typeof threads.$inferSelect;

/**
 * Sticky if available: a reopened thread stays with its assignee when that person is still active,
 * available and in the property; otherwise it is unassigned and goes through round-robin (or to the
 * property's queue). Call inside the transaction that reopened the thread. Returns the assignee id.
 */
export async function assignReopenedThread(ctx: Ctx, thread: Thread): Promise<number | null> {
  const previous = thread.assigneeId;
  if (previous !== null) {
    const staff = await findStaffInProperty(ctx, previous, thread.propertyId);
    if (staff?.isAvailable) return previous;
    await ctx.db
      .update(threads)
      .set({ assigneeId: null, updatedAt: ctx.now() })
      .where(eq(threads.id, thread.id));
    await recordAssignmentChange(ctx, {
      threadId: thread.id,
      propertyId: thread.propertyId,
      from: previous,
      to: null,
      how: "reopen_unassigned",
    });
  }
  return autoAssignThread(ctx, { thread: { ...thread, assigneeId: null } });
}
