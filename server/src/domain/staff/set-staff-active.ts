import type { Ctx } from "@server/context";
import { staffUsers, threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { autoAssignThread } from "@server/domain/assignment/auto-assign-thread";
import { recordAssignmentChange } from "@server/domain/assignment/record-assignment-change";
import { recordAudit } from "@server/domain/audit/record-audit";
import { revokeStaffSessions } from "@server/domain/auth/revoke-staff-sessions";
import { and, eq, ne } from "drizzle-orm";
import { getManagedStaff } from "./get-managed-staff";

/**
 * The one way to activate or deactivate a staff member. Deactivating ends their sessions at once
 * (ASVS 7.4.2) and hands their unresolved threads back (round-robin, or the property's queue).
 * Returns how many sessions were ended, or undefined when nothing changed.
 */
export async function setStaffActive(
  ctx: Ctx,
  input: { staffUserId: number; isActive: boolean },
): Promise<number | undefined> {
  return withTransaction(ctx, async (tx) => {
    const staff = await getManagedStaff(tx, input.staffUserId);
    if (staff.isActive === input.isActive) return undefined;
    await tx.db
      .update(staffUsers)
      .set({ isActive: input.isActive, updatedAt: tx.now() })
      .where(eq(staffUsers.id, staff.id));
    await recordAudit(tx, {
      action: input.isActive ? "staff.activated" : "staff.deactivated",
      targetType: "staff",
      targetId: staff.id,
    });
    if (input.isActive) return 0;
    const sessionsRevoked = await revokeStaffSessions(tx, staff.id);
    const held = await tx.db
      .update(threads)
      .set({ assigneeId: null, updatedAt: tx.now() })
      .where(and(eq(threads.assigneeId, staff.id), ne(threads.status, "RESOLVED")))
      .returning();
    for (const thread of held) {
      await recordAssignmentChange(tx, {
        threadId: thread.id,
        propertyId: thread.propertyId,
        from: staff.id,
        to: null,
        how: "deactivated",
      });
      await autoAssignThread(tx, { thread });
    }
    return sessionsRevoked;
  });
}
