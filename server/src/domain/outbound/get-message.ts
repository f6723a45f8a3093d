import type { Ctx } from "@server/context";
import { messageLogs, threads } from "@server/db/schema/index";
import { assertPropertyAccess } from "@server/domain/access/property-scope";
import { notFound } from "@server/errors";
import { eq } from "drizzle-orm";
import type { MessageRow } from "./send-message";

/** The message, if the actor may see its thread's property; NOT_FOUND otherwise. */
export async function getMessage(
  ctx: Ctx,
  messageId: number,
): Promise<{ message: MessageRow; propertyId: number | null }> {
  const [row] = await ctx.db
    .select({ message: messageLogs, propertyId: threads.propertyId })
    .from(messageLogs)
    .leftJoin(threads, eq(threads.id, messageLogs.threadId))
    .where(eq(messageLogs.id, messageId));
  if (!row) throw notFound("message", messageId);
  assertPropertyAccess(ctx, row.propertyId, "message", messageId);
  return row;
}
