import type { Ctx } from "@server/context";
import { threadReads, threads } from "@server/db/schema/index";
import { propertyCondition } from "@server/domain/access/property-scope";
import { validationFailed } from "@server/errors";
import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import { readerCondition, viewerUnreadCount } from "./viewer-unread";

/**
 * How many unresolved threads that concern the signed-in staff member (assigned to them, or unassigned
 * in their properties) they have not read: the count in the tab title.
 */
export async function countMyUnreadThreads(ctx: Ctx): Promise<number> {
  if (ctx.actor.type !== "staff")
    throw validationFailed("actor", "unread counts are per person: they need a signed-in staff member");
  const [row] = await ctx.db
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(threads)
    .leftJoin(threadReads, readerCondition(ctx))
    .where(
      and(
        propertyCondition(ctx, threads.propertyId),
        or(eq(threads.assigneeId, ctx.actor.staffUserId), isNull(threads.assigneeId)),
        ne(threads.status, "RESOLVED"),
        sql`${viewerUnreadCount(ctx)} > 0`,
      ),
    );
  return row?.count ?? 0;
}
