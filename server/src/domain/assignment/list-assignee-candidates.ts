import type { Ctx } from "@server/context";
import { propertyMemberships, staffUsers, threads } from "@server/db/schema/index";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { AssigneeCandidate } from "./pick-assignee";

/**
 * Who may take new threads of a property: its active, available AGENT and MANAGER members, each with
 * their count of unresolved threads (across properties: the cap is a person's load).
 */
export async function listAssigneeCandidates(ctx: Ctx, propertyId: number): Promise<AssigneeCandidate[]> {
  const openThreads = sql<number>`(select count(*)::int from ${threads}
    where ${threads.assigneeId} = ${staffUsers.id} and ${threads.status} <> 'RESOLVED')`;
  return ctx.db
    .select({ id: staffUsers.id, openThreads, maxOpenThreads: staffUsers.maxOpenThreads })
    .from(staffUsers)
    .innerJoin(propertyMemberships, eq(propertyMemberships.staffUserId, staffUsers.id))
    .where(
      and(
        eq(propertyMemberships.propertyId, propertyId),
        eq(staffUsers.isActive, true),
        eq(staffUsers.isAvailable, true),
        inArray(staffUsers.role, ["AGENT", "MANAGER"]),
      ),
    );
}
