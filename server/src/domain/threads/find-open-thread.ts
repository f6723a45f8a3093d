import type { Ctx } from "@server/context";
import { threads } from "@server/db/schema/index";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Thread } from "./get-thread";

/**
 * The contact's unresolved thread in a property (`null`: the not-yet-routed one), leaving out
 * `exceptThreadId`. The one-open-thread rule (a unique index) allows at most one.
 */
export async function findOpenThread(
  ctx: Ctx,
  where: { contactId: number; propertyId: number | null; exceptThreadId?: number },
): Promise<Thread | undefined> {
  const [thread] = await ctx.db
    .select()
    .from(threads)
    .where(
      and(
        eq(threads.contactId, where.contactId),
        sql`coalesce(${threads.propertyId}, 0) = ${where.propertyId ?? 0}`,
        ne(threads.status, "RESOLVED"),
        where.exceptThreadId === undefined ? undefined : ne(threads.id, where.exceptThreadId),
      ),
    );
  return thread;
}
