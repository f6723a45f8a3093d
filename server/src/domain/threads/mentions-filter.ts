import type { Ctx } from "@server/context";
import { decodeCursor, encodeCursor } from "@server/db/cursor";
import { noteMentions, threads } from "@server/db/schema/index";
import { validationFailed } from "@server/errors";
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";

// The inbox's "Mentions" filter: threads whose notes mention the signed-in person, those with a mention
// they have not opened yet first, then newest activity (keyset cursor on all three).

function viewerId(ctx: Ctx): number {
  if (ctx.actor.type !== "staff") throw validationFailed("mentions", "needs a signed-in staff member");
  return ctx.actor.staffUserId;
}

export function mentionedCondition(ctx: Ctx): SQL {
  return sql`exists (select 1 from ${noteMentions} where ${noteMentions.threadId} = ${threads.id} and ${noteMentions.staffUserId} = ${viewerId(ctx)})`;
}

/** 1 while the thread has a mention of the viewer they have not opened, else 0. */
export function unreadMentionFlag(ctx: Ctx): SQL<number> {
  return sql<number>`(exists (select 1 from ${noteMentions} where ${noteMentions.threadId} = ${threads.id} and ${noteMentions.staffUserId} = ${viewerId(ctx)} and ${noteMentions.readAt} is null))::int`;
}

export function mentionsCursorCondition(ctx: Ctx, cursor: string): SQL {
  const parts = decodeCursor(cursor, ["number", "string", "number"]);
  if (!parts) throw validationFailed("cursor", "not a cursor from this list");
  const [flag, at, id] = parts;
  return sql`(${unreadMentionFlag(ctx)}, ${threads.lastMessageAt}, ${threads.id}) < (${flag}, ${at}::timestamptz, ${id})`;
}

export async function mentionsCursor(
  ctx: Ctx,
  last: { thread: { id: number }; cursorAt: string },
): Promise<string> {
  const [row] = await ctx.db
    .select({ flag: unreadMentionFlag(ctx) })
    .from(threads)
    .where(eq(threads.id, last.thread.id));
  return encodeCursor([Number(row?.flag ?? 0), last.cursorAt, last.thread.id]);
}

/** Opening a thread reads the viewer's mentions on it. */
export async function markMentionsRead(ctx: Ctx, threadId: number): Promise<void> {
  if (ctx.actor.type !== "staff") return;
  await ctx.db
    .update(noteMentions)
    .set({ readAt: ctx.now() })
    .where(
      and(
        eq(noteMentions.threadId, threadId),
        eq(noteMentions.staffUserId, ctx.actor.staffUserId),
        isNull(noteMentions.readAt),
      ),
    );
}

/** How many of the viewer's mentions on this thread they have not opened. */
export async function countUnreadMentions(ctx: Ctx, threadId: number): Promise<number> {
  if (ctx.actor.type !== "staff") return 0;
  const [row] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(noteMentions)
    .where(
      and(
        eq(noteMentions.threadId, threadId),
        eq(noteMentions.staffUserId, ctx.actor.staffUserId),
        isNull(noteMentions.readAt),
      ),
    );
  return Number(row?.n ?? 0);
}
