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
 * queue). Managers and admins may assign anyone who belongs to the thread's property (admins belong
 * everywhere); agents may hand a thread to any active colleague of its property, themselves included,
 * and give up only their own. Audited and shown on the timeline, naming who did it.
 */
export async function assignThread(
  ctx: Ctx,
  input: { threadId: number; staffUserId: number | null },
): Promise<Thread> {
  return withTransaction(ctx, async (tx) => {
    const thread = await getThread(tx, input.threadId, { forUpdate: true });
    const agent = checkPermission(tx, thread, input.staffUserId);
    if (thread.assigneeId === input.staffUserId) return thread;
    if (input.staffUserId !== null) {
      const staff = await findStaffInProperty(tx, input.staffUserId, thread.propertyId, {
        membersOnly: agent,
      });
      if (!staff)
        throw validationFailed(
          "staffUserId",
          `staff member ${input.staffUserId} is not an active member of this thread's property; pick someone from its staff list`,
        );
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

/** Whether the actor acts as an agent (who may hand threads only to members of the property). */
function checkPermission(ctx: Ctx, thread: Thread, to: number | null): boolean {
  const actor = ctx.actor;
  if (actor.type !== "staff" || actor.role !== "AGENT") {
    requireRole(ctx, "ADMIN", "MANAGER");
    return false;
  }
  if (to === null && thread.assigneeId !== actor.staffUserId)
    throw new AppError(
      "FORBIDDEN",
      "agents may only unassign their own threads; transfer it to a colleague instead",
    );
  return true;
}
