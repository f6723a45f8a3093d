import type { Ctx } from "@server/context";
import { threadReads, threads } from "@server/db/schema/index";
import { and, eq, type SQL, sql } from "drizzle-orm";

/**
 * Whose read marker decides a thread's unread count for this actor: a staff member's own; for API keys
 * (no person) the assignee's, so the badge says whether the person responsible has read it.
 */
export function readerCondition(ctx: Ctx): SQL {
  const reader = ctx.actor.type === "staff" ? sql`${ctx.actor.staffUserId}::int` : sql`${threads.assigneeId}`;
  return and(eq(threadReads.threadId, threads.id), sql`${threadReads.staffUserId} = ${reader}`) as SQL;
}

/**
 * The actor's unread count for the thread in the row (needs `threadReads` left-joined on
 * `readerCondition`): guest messages since their marker, at least one when marked unread. An API key
 * looking at an unassigned thread has no one's marker to use: it sees the shared count (since anyone read it).
 */
export function viewerUnreadCount(ctx: Ctx): SQL<number> {
  const personal = sql`greatest(${threads.inboundCount} - coalesce(${threadReads.readInboundCount}, 0), case when ${threadReads.markedUnread} then 1 else 0 end)`;
  if (ctx.actor.type === "staff") return sql<number>`${personal}`.mapWith(Number);
  return sql<number>`case when ${threads.assigneeId} is null then ${threads.unreadCount} else ${personal} end`.mapWith(
    Number,
  );
}
