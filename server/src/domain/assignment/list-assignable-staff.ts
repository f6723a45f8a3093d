import type { AssignableStaff } from "@contract/handover";
import type { Ctx } from "@server/context";
import { propertyMemberships, staffUsers } from "@server/db/schema/index";
import { getThread } from "@server/domain/threads/get-thread";
import { and, asc, eq, exists, or, type SQL } from "drizzle-orm";

/**
 * Who the actor may hand this thread to: the active members of its property (agents, managers and the
 * admins who are members), plus, for managers and admins, every active admin, since those may hold any
 * thread. Names and availability only. A thread without a property (admins only) lists all active staff.
 */
export async function listAssignableStaff(ctx: Ctx, input: { threadId: number }): Promise<AssignableStaff[]> {
  const thread = await getThread(ctx, input.threadId);
  const actor = ctx.actor;
  const agent = actor.type === "staff" && actor.role === "AGENT";
  let reach: SQL | undefined;
  if (thread.propertyId !== null) {
    const member = exists(
      ctx.db
        .select({ one: propertyMemberships.staffUserId })
        .from(propertyMemberships)
        .where(
          and(
            eq(propertyMemberships.staffUserId, staffUsers.id),
            eq(propertyMemberships.propertyId, thread.propertyId),
          ),
        ),
    );
    reach = agent ? member : or(member, eq(staffUsers.role, "ADMIN"));
  }
  return ctx.db
    .select({ id: staffUsers.id, name: staffUsers.name, isAvailable: staffUsers.isAvailable })
    .from(staffUsers)
    .where(and(eq(staffUsers.isActive, true), reach))
    .orderBy(asc(staffUsers.name), asc(staffUsers.id));
}
