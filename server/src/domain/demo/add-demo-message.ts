import type { Ctx } from "@server/context";
import { type MessageStatus, messageLogs } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { linkThread } from "@server/domain/threads/link-thread";
import { recordThreadActivity } from "@server/domain/threads/record-thread-activity";

export type DemoMessageInput = {
  phone: string;
  channel: "WHATSAPP" | "SMS";
  direction: "INBOUND" | "OUTBOUND";
  text: string;
  at: Date;
  status?: MessageStatus;
  name?: string;
  bookingId?: number;
  receivingNumber?: string;
  senderStaffId?: number;
  providerMessageId?: string;
};

/**
 * Stores a finished message on the guest's thread without any provider: demo data and tests. The real
 * pipelines (webhook ingestion, outbound sending) do the same linking and thread activity.
 */
export async function addDemoMessage(ctx: Ctx, input: DemoMessageInput) {
  return withTransaction(ctx, async (tx) => {
    const { contact, thread } = await linkThread(tx, { ...input });
    const inbound = input.direction === "INBOUND";
    const status = input.status ?? (inbound ? "DELIVERED" : "READ");
    const [message] = await tx.db
      .insert(messageLogs)
      .values({
        contactId: contact.id,
        threadId: thread.id,
        bookingId: thread.bookingId,
        channel: input.channel,
        direction: input.direction,
        status,
        phone: contact.phone ?? input.phone,
        message: input.text,
        provider: "DEMO",
        providerMessageId: input.providerMessageId ?? null,
        providerTimestamp: inbound ? input.at : null,
        senderStaffId: input.senderStaffId ?? null,
        createdAt: input.at,
        sentAt: status === "PENDING" ? null : input.at,
        deliveredAt: status === "DELIVERED" || status === "READ" ? input.at : null,
        readAt: status === "READ" ? input.at : null,
        failedAt: status === "FAILED" ? input.at : null,
        errorMessage: status === "FAILED" ? "demo: number not on WhatsApp" : null,
      })
      .returning();
    if (!message) throw new Error("message insert returned nothing");
    const activity = await recordThreadActivity(tx, {
      threadId: thread.id,
      contactId: thread.contactId,
      direction: input.direction,
      channel: input.channel,
      at: input.at,
      preview: input.text,
    });
    return { contact, thread: activity.thread, message };
  });
}
