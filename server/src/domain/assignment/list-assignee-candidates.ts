import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
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
  // Asked for every thread that opens: built once per connection (db/prepared-query).
  return preparedQuery(ctx.db, "assignee_candidates", (db, name) =>
    db
      .select({ id: staffUsers.id, openThreads, maxOpenThreads: staffUsers.maxOpenThreads })
      .from(staffUsers)
      .innerJoin(propertyMemberships, eq(propertyMemberships.staffUserId, staffUsers.id))
      .where(
        and(
          eq(propertyMemberships.propertyId, sql.placeholder("propertyId")),
          eq(staffUsers.isActive, true),
          eq(staffUsers.isAvailable, true),
          inArray(staffUsers.role, ["AGENT", "MANAGER"]),
        ),
      )
      .prepare(name),
  ).execute({ propertyId });
}
