import type { Ctx } from "@server/context";
import { type messageLogs, threads } from "@server/db/schema/index";
import { publishEvents } from "@server/domain/realtime/publish-events";
import { presentMessage } from "@server/presenters/message";
import { inArray } from "drizzle-orm";

/** publishMessageEvent for a batch of changed messages: one thread lookup and one insert for all. */
export async function publishMessageEvents(
  ctx: Ctx,
  type: "message.updated" | "message.status_changed",
  rows: Array<typeof messageLogs.$inferSelect>,
): Promise<void> {
  if (rows.length === 0) return;
  const threadIds = [...new Set(rows.map((r) => r.threadId).filter((id): id is number => id !== null))];
  const found =
    threadIds.length > 0
      ? await ctx.db
          .select({ id: threads.id, propertyId: threads.propertyId })
          .from(threads)
          .where(inArray(threads.id, threadIds))
      : [];
  const propertyOf = new Map(found.map((t) => [t.id, t.propertyId]));
  await publishEvents(
    ctx,
    rows.map((row) => ({
      type,
      propertyId: (row.threadId !== null ? propertyOf.get(row.threadId) : undefined) ?? null,
      threadId: row.threadId,
      payload: presentMessage(row),
    })),
  );
}
