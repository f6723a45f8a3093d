import type { Ctx } from "@server/context";
import { threads } from "@server/db/schema/index";
import { assertPropertyAccess } from "@server/domain/access/property-scope";
import { notFound } from "@server/errors";
import { eq } from "drizzle-orm";

export type Thread = typeof threads.$inferSelect;

/** The thread, if the actor may see its property; NOT_FOUND otherwise. `forUpdate` locks the row. */
export async function getThread(
  ctx: Ctx,
  threadId: number,
  options: { forUpdate?: boolean } = {},
): Promise<Thread> {
  const query = ctx.db.select().from(threads).where(eq(threads.id, threadId));
  const [thread] = options.forUpdate ? await query.for("update") : await query;
  if (!thread) throw notFound("thread", threadId);
  assertPropertyAccess(ctx, thread.propertyId, "thread", threadId);
  return thread;
}
