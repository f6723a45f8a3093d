import type { Ctx } from "@server/context";
import {
  apiKeys,
  messageRetries,
  messageStatusEvents,
  sendAttempts,
  staffUsers,
} from "@server/db/schema/index";
import { findQuotedMessages } from "@server/domain/messages/find-quoted-messages";
import { and, asc, eq } from "drizzle-orm";
import { getMessage } from "./get-message";

/**
 * A message with every provider call made for it, every status the provider reported and every retry
 * (who asked for it, by name), oldest first, and the message it quotes when it is a guest's reply.
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
  const retries = await ctx.db
    .select({ retry: messageRetries, staffName: staffUsers.name, keyName: apiKeys.name })
    .from(messageRetries)
    .leftJoin(
      staffUsers,
      and(eq(messageRetries.actorType, "STAFF"), eq(staffUsers.id, messageRetries.actorId)),
    )
    .leftJoin(apiKeys, and(eq(messageRetries.actorType, "API_KEY"), eq(apiKeys.id, messageRetries.actorId)))
    .where(eq(messageRetries.messageId, messageId))
    .orderBy(asc(messageRetries.createdAt), asc(messageRetries.id));
  return {
    message,
    attempts,
    statusHistory,
    retries: retries.map(({ retry, staffName, keyName }) => ({
      at: retry.createdAt,
      actor: { type: retry.actorType, id: retry.actorId, name: staffName ?? keyName ?? null },
    })),
    quoted: await findQuotedMessages(ctx, [message]),
  };
}
