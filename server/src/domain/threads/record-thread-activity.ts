import type { Direction, ThreadChannel } from "@contract/channels";
import type { Ctx } from "@server/context";
import { lockAdvisory } from "@server/db/advisory-lock";
import { preparedQuery } from "@server/db/prepared-query";
import { threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { slaTriggerOf, syncThreadSla } from "@server/domain/sla/sync-thread-sla";
import { notFound } from "@server/errors";
import { eq, sql } from "drizzle-orm";
import type { Thread } from "./get-thread";
import { publishThreadUpdated } from "./publish-thread-updated";
import { recordThreadEvent } from "./record-thread-event";
import { reopenThread } from "./reopen-thread";

export type RecordThreadActivityInput = {
  threadId: number;
  /** The thread's contact, when the caller has it (linkThread's result): saves reading it first. */
  contactId?: number;
  direction: Direction;
  channel: ThreadChannel;
  /** When the item happened; an older item (a late webhook) never moves the thread's activity back. */
  at: Date;
  /** A short text for the thread list ("Hello…", "Missed call"); cut to 200 characters. Omitted: the
   * thread keeps its preview; null clears it. */
  preview?: string | null;
};

const PREVIEW_LENGTH = 200;

/**
 * Bumps a thread after a message, call or email was stored in it: last activity and preview (when the
 * item is the newest), and for the guest's items (INBOUND) the unread count, last inbound time and
 * channel and the WhatsApp/SMS inbound times (the 24-hour window). The first OUTBOUND item sets
 * firstResponseAt. A guest item wakes a SNOOZED or PENDING thread and reopens a RESOLVED one (unless
 * the contact already has another open thread in that property), which returns to its assignee if
 * available, else goes through round-robin. Publishes `thread.updated`. Call in the transaction that
 * stored the item (after linkThread); no access check, callers have done theirs.
 */
export async function recordThreadActivity(
  ctx: Ctx,
  input: RecordThreadActivityInput,
): Promise<{ thread: Thread; reopened: boolean }> {
  return withTransaction(ctx, async (tx) => {
    const contactId = input.contactId ?? (await threadContactId(tx, input.threadId));
    // Same lock order as linkThread (contact, then thread row), so the two never deadlock.
    await lockAdvisory(tx, "contact", contactId);
    const [thread] = await preparedQuery(tx.db, "thread_by_id_for_update", (db, name) =>
      db
        .select()
        .from(threads)
        .where(eq(threads.id, sql.placeholder("id")))
        .for("update")
        .prepare(name),
    ).execute({ id: input.threadId });
    if (!thread) throw notFound("thread", input.threadId);
    // A hint gone stale (the contact merged meanwhile): hold the real contact's lock too.
    if (thread.contactId !== contactId) await lockAdvisory(tx, "contact", thread.contactId);

    const [updated] = await tx.db
      .update(threads)
      .set({ ...activityPatch(thread, input), updatedAt: tx.now() })
      .where(eq(threads.id, thread.id))
      .returning();
    if (!updated) throw notFound("thread", input.threadId);
    let result = updated;
    let reopened = false;
    if (input.direction === "INBOUND" && updated.status !== "OPEN") {
      const woken = await wake(tx, updated);
      result = woken.thread;
      reopened = woken.reopened;
    }
    result = await syncThreadSla(tx, result, slaTriggerOf(input));
    await publishThreadUpdated(tx, result);
    return { thread: result, reopened };
  });
}

async function threadContactId(ctx: Ctx, threadId: number): Promise<number> {
  const [row] = await ctx.db
    .select({ contactId: threads.contactId })
    .from(threads)
    .where(eq(threads.id, threadId));
  if (!row) throw notFound("thread", threadId);
  return row.contactId;
}

function activityPatch(thread: Thread, input: RecordThreadActivityInput): Partial<Thread> {
  const { at, channel } = input;
  const newest = at.getTime() >= thread.lastMessageAt.getTime();
  const patch: Partial<Thread> = {};
  if (newest) {
    patch.lastMessageAt = at;
    if (input.preview !== undefined) patch.lastPreview = input.preview?.slice(0, PREVIEW_LENGTH) || null;
  }
  if (input.direction === "OUTBOUND") {
    if (thread.firstResponseAt === null) patch.firstResponseAt = at;
    return patch;
  }
  patch.unreadCount = thread.unreadCount + 1;
  patch.inboundCount = thread.inboundCount + 1;
  if (later(at, thread.lastInboundAt)) {
    patch.lastInboundAt = at;
    patch.lastInboundChannel = channel;
  }
  if (channel === "WHATSAPP" && later(at, thread.lastWhatsappInboundAt)) patch.lastWhatsappInboundAt = at;
  if (channel === "SMS" && later(at, thread.lastSmsInboundAt)) patch.lastSmsInboundAt = at;
  return patch;
}

const later = (at: Date, than: Date | null) => than === null || at.getTime() >= than.getTime();

async function wake(ctx: Ctx, thread: Thread): Promise<{ thread: Thread; reopened: boolean }> {
  if (thread.status === "RESOLVED") {
    const reopened = await reopenThread(ctx, thread, "guest_replied");
    return { thread: reopened ?? thread, reopened: reopened !== undefined };
  }
  const [woken] = await ctx.db
    .update(threads)
    .set({ status: "OPEN", snoozedUntil: null, updatedAt: ctx.now() })
    .where(eq(threads.id, thread.id))
    .returning();
  await recordThreadEvent(ctx, {
    threadId: thread.id,
    type: "status_changed",
    data: { from: thread.status, to: "OPEN", reason: "guest_replied" },
  });
  return { thread: woken ?? thread, reopened: false };
}
