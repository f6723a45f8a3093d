import type { Ctx } from "@server/context";
import { cannedReplies } from "@server/db/schema/index";
import { allowedPropertyIds } from "@server/domain/access/property-scope";
import { getThread } from "@server/domain/threads/get-thread";
import { and, asc, eq, ilike, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { CannedReply } from "./get-canned-reply";

/**
 * Canned replies the actor may use: the chain-wide ones and those of their properties (all for admins).
 * With `threadId`, only those usable on that thread (its property's and the chain-wide ones; NOT_FOUND
 * for a thread the actor may not see). `q` matches shortcut, title or any language's text.
 */
export async function listCannedReplies(
  ctx: Ctx,
  input: { threadId?: number; q?: string } = {},
): Promise<CannedReply[]> {
  const conditions: Array<SQL | undefined> = [];
  if (input.threadId !== undefined) {
    const thread = await getThread(ctx, input.threadId);
    conditions.push(
      thread.propertyId === null
        ? isNull(cannedReplies.propertyId)
        : or(isNull(cannedReplies.propertyId), eq(cannedReplies.propertyId, thread.propertyId)),
    );
  } else {
    const allowed = allowedPropertyIds(ctx.actor);
    if (allowed !== "all")
      conditions.push(
        allowed.length
          ? or(isNull(cannedReplies.propertyId), inArray(cannedReplies.propertyId, allowed))
          : isNull(cannedReplies.propertyId),
      );
  }
  if (input.q) {
    const pattern = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(cannedReplies.shortcut, pattern),
        ilike(cannedReplies.title, pattern),
        // Any language's text: the values of the jsonb object.
        sql`exists (select 1 from jsonb_each_text(${cannedReplies.texts}) as t(lang, body) where t.body ilike ${pattern})`,
      ),
    );
  }
  return ctx.db
    .select()
    .from(cannedReplies)
    .where(and(...conditions))
    .orderBy(asc(cannedReplies.shortcut), asc(cannedReplies.propertyId), asc(cannedReplies.id))
    .limit(500);
}
