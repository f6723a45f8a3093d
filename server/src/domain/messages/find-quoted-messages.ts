import type { Ctx } from "@server/context";
import { messageLogs, threads } from "@server/db/schema/index";
import { propertyCondition } from "@server/domain/access/property-scope";
import { and, eq, inArray, or } from "drizzle-orm";
import { readReplyContext } from "./inbound-metadata";

type MessageRow = typeof messageLogs.$inferSelect;

/** The message a guest quoted, as the thread shows it above their reply. */
export type QuotedMessage = { messageId: number; text: string };

/** Quoted messages by the id of the message quoting them. */
export type QuotedMessages = Map<number, QuotedMessage>;

const SNIPPET_LENGTH = 160;

/**
 * Finds, for each message that replies to another, the message it quotes. Resolved when read rather
 * than when the reply arrives: a guest can quote one of our messages before its WhatsApp id reached
 * us (the sent status carrying it may be late or held), so a link stored at arrival could stay
 * missing; reading by both provider ids each time always finds it once we know either. Only messages
 * of the same guest in properties the actor may see are quoted.
 */
export async function findQuotedMessages(ctx: Ctx, rows: MessageRow[]): Promise<QuotedMessages> {
  const replies = rows.flatMap((row) => {
    const context = readReplyContext(row);
    return context && row.contactId !== null ? [{ row, context, contactId: row.contactId }] : [];
  });
  const quoted: QuotedMessages = new Map();
  const ids = [...new Set(replies.flatMap((r) => [r.context.whatsappMessageId, r.context.gsId]))].filter(
    (id): id is string => id !== null,
  );
  if (ids.length === 0) return quoted;
  const candidates = await ctx.db
    .select({
      id: messageLogs.id,
      contactId: messageLogs.contactId,
      providerMessageId: messageLogs.providerMessageId,
      whatsappMessageId: messageLogs.whatsappMessageId,
      message: messageLogs.message,
      mediaType: messageLogs.mediaType,
      mediaCaption: messageLogs.mediaCaption,
    })
    .from(messageLogs)
    .innerJoin(threads, eq(threads.id, messageLogs.threadId))
    .where(
      and(
        inArray(messageLogs.contactId, [...new Set(replies.map((r) => r.contactId))]),
        or(inArray(messageLogs.providerMessageId, ids), inArray(messageLogs.whatsappMessageId, ids)),
        propertyCondition(ctx, threads.propertyId),
      ),
    );
  for (const { row, context, contactId } of replies) {
    const ours = [context.whatsappMessageId, context.gsId].filter((id) => id !== null);
    const match = candidates.find(
      (c) =>
        c.contactId === contactId &&
        ours.some((id) => id === c.providerMessageId || id === c.whatsappMessageId),
    );
    if (match) quoted.set(row.id, { messageId: match.id, text: snippet(match) });
  }
  return quoted;
}

function snippet(m: {
  message: string | null;
  mediaType: string | null;
  mediaCaption: string | null;
}): string {
  const text = m.message ?? m.mediaCaption ?? (m.mediaType ? `[${m.mediaType}]` : "");
  return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH - 1)}…` : text;
}
