import type { Direction, ThreadChannel } from "@contract/channels";
import type { Ctx } from "@server/context";
import { lockAdvisory } from "@server/db/advisory-lock";
import { preparedQuery } from "@server/db/prepared-query";
import { threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { slaTriggerOf, syncThreadSla } from "@server/domain/sla/sync-thread-sla";
import { notFound } from "@server/errors";
import { and, eq, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
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
    let updated = await bumpThread(tx, input, contactId);
    if (!updated) {
      // A hint gone stale (the contact merged meanwhile): hold the real contact's lock too.
      const realContactId = await threadContactId(tx, input.threadId);
      await lockAdvisory(tx, "contact", realContactId);
      updated = await bumpThread(tx, input, realContactId);
    }
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

/**
 * The activity update, computed by PostgreSQL from the row it locks (every SET expression reads the row
 * as it was) and built once per connection: every message, call and email runs it. Undefined when the
 * thread is not `contactId`'s.
 */
async function bumpThread(
  ctx: Ctx,
  input: RecordThreadActivityInput,
  contactId: number,
): Promise<Thread | undefined> {
  const [updated] = await preparedQuery(ctx.db, "record_thread_activity", (db, name) => {
    const at = sql`${sql.placeholder("at")}::timestamptz`;
    const inbound = sql`${sql.placeholder("inbound")}::boolean`;
    const channel = sql`${sql.placeholder("channel")}::text`;
    // An older item (a late webhook) never moves the activity back.
    const newest = sql`${at} >= ${threads.lastMessageAt}`;
    const laterThan = (column: AnyPgColumn) => sql`(${column} is null or ${at} >= ${column})`;
    const inboundOn = (only: ThreadChannel, column: AnyPgColumn) =>
      sql`case when ${inbound} and ${channel} = ${only} and ${laterThan(column)} then ${at} else ${column} end`;
    return db
      .update(threads)
      .set({
        lastMessageAt: sql`case when ${newest} then ${at} else ${threads.lastMessageAt} end`,
        lastPreview: sql`case when ${newest} and ${sql.placeholder("setPreview")}::boolean then ${sql.placeholder("preview")}::text else ${threads.lastPreview} end`,
        firstResponseAt: sql`case when not ${inbound} and ${threads.firstResponseAt} is null then ${at} else ${threads.firstResponseAt} end`,
        unreadCount: sql`${threads.unreadCount} + case when ${inbound} then 1 else 0 end`,
        inboundCount: sql`${threads.inboundCount} + case when ${inbound} then 1 else 0 end`,
        lastInboundAt: sql`case when ${inbound} and ${laterThan(threads.lastInboundAt)} then ${at} else ${threads.lastInboundAt} end`,
        lastInboundChannel: sql`case when ${inbound} and ${laterThan(threads.lastInboundAt)} then ${channel} else ${threads.lastInboundChannel} end`,
        lastWhatsappInboundAt: inboundOn("WHATSAPP", threads.lastWhatsappInboundAt),
        lastSmsInboundAt: inboundOn("SMS", threads.lastSmsInboundAt),
        updatedAt: sql`${sql.placeholder("now")}::timestamptz`,
      })
      .where(
        and(eq(threads.id, sql.placeholder("threadId")), eq(threads.contactId, sql.placeholder("contactId"))),
      )
      .returning()
      .prepare(name);
  }).execute({
    threadId: input.threadId,
    contactId,
    at: input.at.toISOString(),
    inbound: input.direction === "INBOUND",
    channel: input.channel,
    setPreview: input.preview !== undefined,
    preview: input.preview?.slice(0, PREVIEW_LENGTH) || null,
    now: ctx.now().toISOString(),
  });
  return updated;
}

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
