import type { Ctx } from "@server/context";
import { threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { type Contact, findOrCreateInboundContact } from "./inbound-contact";

type Thread = typeof threads.$inferSelect;

export type LinkInboundThreadInput = {
  phone: string;
  name?: string;
  channel: "WHATSAPP" | "SMS";
  /** Our number the guest wrote to, when the callback says. */
  receivingNumber?: string;
  /** Provider time of the message. */
  at: Date;
  preview: string | null;
};

/**
 * Everything an inbound message does to contacts and threads: find or create the contact, continue its
 * thread or open one, and record the activity (last message, preview, unread +1, inbound times that
 * open the WhatsApp/SMS window, a resolved thread reopens). Race-safe per contact. Call in the
 * transaction that stores the message.
 * TODO(hub): body becomes hub's linkThread(ctx, { phone, name, channel, direction: "INBOUND",
 * receivingNumber, at }) + recordThreadActivity(ctx, { threadId, direction, channel, at, preview }),
 * which add booking linking, property routing and auto-assignment.
 */
export async function linkInboundThread(
  ctx: Ctx,
  input: LinkInboundThreadInput,
): Promise<{ contact: Contact; thread: Thread; created: boolean }> {
  return withTransaction(ctx, async (tx) => {
    const contact = await findOrCreateInboundContact(tx, { phone: input.phone, name: input.name });
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`contact:${contact.id}`}, 0))`);
    const [open] = await tx.db
      .select()
      .from(threads)
      .where(and(eq(threads.contactId, contact.id), ne(threads.status, "RESOLVED")))
      .orderBy(desc(threads.lastMessageAt))
      .limit(1);
    const [latest] = open
      ? [open]
      : await tx.db
          .select()
          .from(threads)
          .where(eq(threads.contactId, contact.id))
          .orderBy(desc(threads.lastMessageAt))
          .limit(1);
    const [created] = latest
      ? []
      : await tx.db
          .insert(threads)
          .values({ contactId: contact.id, lastMessageAt: input.at, createdAt: tx.now() })
          .returning();
    const thread = latest ?? created;
    if (!thread) throw new Error("thread insert returned nothing");
    const bumped = await recordInboundActivity(tx, thread, input);
    return { contact, thread: bumped, created: created !== undefined };
  });
}

async function recordInboundActivity(ctx: Ctx, thread: Thread, input: LinkInboundThreadInput) {
  const at = input.at;
  const newest = at >= thread.lastMessageAt;
  const later = (than: Date | null) => than === null || at >= than;
  const [updated] = await ctx.db
    .update(threads)
    .set({
      ...(newest ? { lastMessageAt: at, lastPreview: input.preview?.slice(0, 200) ?? null } : {}),
      ...(later(thread.lastInboundAt) ? { lastInboundAt: at, lastInboundChannel: input.channel } : {}),
      ...(input.channel === "WHATSAPP" && later(thread.lastWhatsappInboundAt)
        ? { lastWhatsappInboundAt: at }
        : {}),
      ...(input.channel === "SMS" && later(thread.lastSmsInboundAt) ? { lastSmsInboundAt: at } : {}),
      ...(thread.status === "OPEN" ? {} : { status: "OPEN" as const, resolvedAt: null, snoozedUntil: null }),
      unreadCount: sql`${threads.unreadCount} + 1`,
      updatedAt: ctx.now(),
    })
    .where(eq(threads.id, thread.id))
    .returning();
  const result = updated ?? thread;
  await publishEvent(ctx, {
    type: "thread.updated",
    propertyId: result.propertyId,
    threadId: result.id,
    payload: {
      threadId: result.id,
      status: result.status,
      assigneeId: result.assigneeId,
      unreadCount: result.unreadCount,
      lastMessageAt: result.lastMessageAt.toISOString(),
      lastPreview: result.lastPreview,
    },
  });
  return result;
}
