import type { RecordEmailBody } from "@contract/calls";
import type { Ctx } from "@server/context";
import { emailMessages } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { canAccessProperty } from "@server/domain/access/property-scope";
import { getThread } from "@server/domain/threads/get-thread";
import { linkThread } from "@server/domain/threads/link-thread";
import { recordThreadEntry } from "@server/domain/threads/record-thread-entry";
import { AppError, notFound } from "@server/errors";
import { eq } from "drizzle-orm";

export type EmailMessage = typeof emailMessages.$inferSelect;
export type RecordEmailInput = Omit<RecordEmailBody, "sentAt"> & { sentAt: Date };

/**
 * Stores an email on the guest's thread, linked by the guest's address (the sender of an inbound
 * email, the recipient of an outbound one) through linkThread, and bumps the thread. Idempotent on
 * messageId. NOT_FOUND (nothing stored) when the thread is outside the actor's properties.
 */
export async function recordEmail(
  ctx: Ctx,
  input: RecordEmailInput,
): Promise<{ email: EmailMessage; duplicate: boolean }> {
  return withTransaction(ctx, async (tx) => {
    const existing = await findByMessageId(tx, input.messageId);
    if (existing) return { email: existing, duplicate: true };
    const inbound = input.direction === "INBOUND";
    const { contact, thread } = await linkThread(tx, {
      email: inbound ? input.from : input.to,
      name: inbound ? input.fromName : undefined,
      channel: "EMAIL",
      direction: input.direction,
      at: input.sentAt,
      subject: input.subject,
    });
    if (!canAccessProperty(tx, thread.propertyId))
      throw new AppError("NOT_FOUND", "this guest's thread is not in your properties");
    const [email] = await tx.db
      .insert(emailMessages)
      .values({
        contactId: contact.id,
        threadId: thread.id,
        bookingId: thread.bookingId,
        direction: input.direction,
        fromEmail: input.from,
        fromName: input.fromName ?? null,
        toEmail: input.to,
        subject: input.subject ?? null,
        body: input.body ?? null,
        messageId: input.messageId ?? null,
        sentAt: input.sentAt,
        createdAt: tx.now(),
      })
      .onConflictDoNothing({ target: emailMessages.messageId })
      .returning();
    // A concurrent post of the same messageId won the insert: answer as the duplicate it is.
    if (!email) return { email: await mustFind(tx, input.messageId), duplicate: true };
    await recordThreadEntry(tx, thread, {
      direction: input.direction,
      channel: "EMAIL",
      at: input.sentAt,
      preview: input.subject || input.body || "(email)",
      event: { type: "email.recorded", payload: { threadId: thread.id, emailId: email.id } },
    });
    return { email, duplicate: false };
  });
}

async function findByMessageId(ctx: Ctx, messageId: string | undefined): Promise<EmailMessage | undefined> {
  if (!messageId) return undefined;
  const [email] = await ctx.db.select().from(emailMessages).where(eq(emailMessages.messageId, messageId));
  if (!email) return undefined;
  if (email.threadId === null) throw notFound("email", messageId);
  await getThread(ctx, email.threadId);
  return email;
}

async function mustFind(ctx: Ctx, key: string | undefined) {
  const found = await findByMessageId(ctx, key);
  if (!found) throw new Error("email insert conflicted but no row was found");
  return found;
}
