import type { Ctx } from "@server/context";
import { threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { requireRole } from "@server/domain/access/property-scope";
import { findStaffInProperty } from "@server/domain/staff/find-staff-in-property";
import { getThread } from "@server/domain/threads/get-thread";
import { AppError, validationFailed } from "@server/errors";
import { eq } from "drizzle-orm";
import { recordAssignmentChange } from "./record-assignment-change";

type Thread = typeof threads.$inferSelect;

/**
 * Manual assign, transfer (`staffUserId` another person) or unassign (`null`, back to the property's
 * queue). Managers and admins may assign anyone who belongs to the thread's property; agents may only
 * take a thread themselves or give up their own. Audited and shown on the timeline.
 */
export async function assignThread(
  ctx: Ctx,
  input: { threadId: number; staffUserId: number | null },
): Promise<Thread> {
  return withTransaction(ctx, async (tx) => {
    const thread = await getThread(tx, input.threadId, { forUpdate: true });
    checkPermission(tx, thread, input.staffUserId);
    if (thread.assigneeId === input.staffUserId) return thread;
    if (input.staffUserId !== null) {
      const staff = await findStaffInProperty(tx, input.staffUserId, thread.propertyId);
      if (!staff)
        throw validationFailed("staffUserId", "not an active staff member of this thread's property");
    }
    const [updated] = await tx.db
      .update(threads)
      .set({ assigneeId: input.staffUserId, updatedAt: tx.now() })
      .where(eq(threads.id, thread.id))
      .returning();
    if (!updated) throw new Error("thread vanished while assigning");
    await recordAssignmentChange(tx, {
      threadId: thread.id,
      propertyId: thread.propertyId,
      from: thread.assigneeId,
      to: input.staffUserId,
      how: "manual",
    });
    return updated;
  });
}

function checkPermission(ctx: Ctx, thread: Thread, to: number | null): void {
  const actor = ctx.actor;
  if (actor.type !== "staff" || actor.role !== "AGENT") {
    requireRole(ctx, "ADMIN", "MANAGER");
    return;
  }
  const self = actor.staffUserId;
  const claiming = to === self && thread.assigneeId === null;
  const releasing = to === null && thread.assigneeId === self;
  if (!claiming && !releasing)
    throw new AppError("FORBIDDEN", "agents may only take unassigned threads or give up their own");
}
