import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
import { type messageLogs, threads } from "@server/db/schema/index";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { presentMessage } from "@server/presenters/message";
import { eq, sql } from "drizzle-orm";

type MessageEventType = "message.updated" | "message.status_changed";

/**
 * Tells the inbox a message changed: `message.status_changed` for a provider status, `message.updated`
 * for anything else (a send attempt's outcome, a retry, a stored attachment). Scoped to the thread's property.
 */
export async function publishMessageEvent(
  ctx: Ctx,
  type: MessageEventType,
  row: typeof messageLogs.$inferSelect,
  /** The thread's property, when the caller read it with the row (saves looking it up). */
  known?: { propertyId: number | null },
): Promise<void> {
  const propertyId = known ? known.propertyId : await propertyOfThread(ctx, row.threadId);
  await publishEvent(ctx, {
    type,
    propertyId,
    threadId: row.threadId,
    payload: presentMessage(row),
  });
}

async function propertyOfThread(ctx: Ctx, threadId: number | null): Promise<number | null> {
  if (!threadId) return null;
  const [thread] = await preparedQuery(ctx.db, "property_of_thread", (db, name) =>
    db
      .select({ propertyId: threads.propertyId })
      .from(threads)
      .where(eq(threads.id, sql.placeholder("id")))
      .prepare(name),
  ).execute({ id: threadId });
  return thread?.propertyId ?? null;
}
