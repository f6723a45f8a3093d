import type { Ctx } from "@server/context";
import {
  callLogs,
  emailMessages,
  messageLogs,
  noteMentions,
  threadEvents,
  threadNotes,
  threads,
} from "@server/db/schema/index";
import { eq } from "drizzle-orm";
import type { Thread } from "./get-thread";
import { recordThreadEvent } from "./record-thread-event";

const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));
const earliest = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));

/**
 * Moves every item of `from` (messages, calls, emails, notes, events) into `into`, combines their
 * activity and unread counts, and deletes `from`. Used when merging contacts would otherwise leave two
 * open threads for one guest in one property. Call under both contacts' locks.
 */
export async function mergeThreadInto(ctx: Ctx, from: Thread, into: Thread): Promise<void> {
  for (const table of [messageLogs, callLogs, emailMessages, threadNotes, threadEvents, noteMentions]) {
    await ctx.db.update(table).set({ threadId: into.id }).where(eq(table.threadId, from.id));
  }
  const fromIsNewer = from.lastMessageAt > into.lastMessageAt;
  const inboundFromNewer = (from.lastInboundAt ?? 0) > (into.lastInboundAt ?? 0);
  await ctx.db.delete(threads).where(eq(threads.id, from.id));
  await ctx.db
    .update(threads)
    .set({
      lastMessageAt: fromIsNewer ? from.lastMessageAt : into.lastMessageAt,
      lastPreview: fromIsNewer ? from.lastPreview : into.lastPreview,
      unreadCount: from.unreadCount + into.unreadCount,
      inboundCount: from.inboundCount + into.inboundCount,
      lastInboundAt: latest(from.lastInboundAt, into.lastInboundAt),
      lastInboundChannel: inboundFromNewer ? from.lastInboundChannel : into.lastInboundChannel,
      lastWhatsappInboundAt: latest(from.lastWhatsappInboundAt, into.lastWhatsappInboundAt),
      lastSmsInboundAt: latest(from.lastSmsInboundAt, into.lastSmsInboundAt),
      firstResponseAt: earliest(from.firstResponseAt, into.firstResponseAt),
      bookingId: into.bookingId ?? from.bookingId,
      assigneeId: into.assigneeId ?? from.assigneeId,
      updatedAt: ctx.now(),
    })
    .where(eq(threads.id, into.id));
  await recordThreadEvent(ctx, { threadId: into.id, type: "merged", data: { fromThreadId: from.id } });
}
