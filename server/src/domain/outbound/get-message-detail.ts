import type { Ctx } from "@server/context";
import { messageStatusEvents, sendAttempts } from "@server/db/schema/index";
import { findQuotedMessages } from "@server/domain/messages/find-quoted-messages";
import { asc, eq } from "drizzle-orm";
import { getMessage } from "./get-message";

/**
 * A message with every provider call made for it and every status the provider reported, oldest
 * first, and the message it quotes when it is a guest's reply.
 */
export async function getMessageDetail(ctx: Ctx, messageId: number) {
  const { message } = await getMessage(ctx, messageId);
  const attempts = await ctx.db
    .select()
    .from(sendAttempts)
    .where(eq(sendAttempts.messageId, messageId))
    .orderBy(asc(sendAttempts.attemptNo));
  const statusHistory = await ctx.db
    .select()
    .from(messageStatusEvents)
    .where(eq(messageStatusEvents.messageId, messageId))
    .orderBy(asc(messageStatusEvents.createdAt), asc(messageStatusEvents.id));
  return { message, attempts, statusHistory, quoted: await findQuotedMessages(ctx, [message]) };
}
