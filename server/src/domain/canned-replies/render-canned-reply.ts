import type { RenderCannedReplyResponse } from "@contract/canned-replies";
import type { CannedReplyVariable } from "@contract/canned-reply-variables";
import type { Ctx } from "@server/context";
import { bookings, cannedReplies, contacts, properties, staffUsers } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { getThread } from "@server/domain/threads/get-thread";
import { notFound } from "@server/errors";
import { eq, sql } from "drizzle-orm";
import { fillCannedReply, firstName, formatStayDate, pickLanguage } from "./fill-canned-reply";
import { getCannedReply } from "./get-canned-reply";

/**
 * A canned reply filled for a thread: the guest (contact, else the booking's guest name), the thread's
 * linked booking, its property and the calling staff member. The language is the one asked for, else
 * the guest's (contact metadata `language`), else the reply's first. Counts one use. NOT_FOUND for a
 * reply or thread the actor may not see, and for a reply of another property than the thread's.
 */
export async function renderCannedReply(
  ctx: Ctx,
  input: { cannedReplyId: number; threadId: number; language?: string },
): Promise<RenderCannedReplyResponse> {
  return withTransaction(ctx, async (tx) => {
    const reply = await getCannedReply(tx, input.cannedReplyId);
    const thread = await getThread(tx, input.threadId);
    if (reply.propertyId !== null && reply.propertyId !== thread.propertyId)
      throw notFound("canned reply", input.cannedReplyId);
    const [contact] = await tx.db.select().from(contacts).where(eq(contacts.id, thread.contactId));
    const [booking] = thread.bookingId
      ? await tx.db.select().from(bookings).where(eq(bookings.id, thread.bookingId))
      : [];
    const [property] = thread.propertyId
      ? await tx.db.select().from(properties).where(eq(properties.id, thread.propertyId))
      : [];
    const [staff] =
      tx.actor.type === "staff"
        ? await tx.db
            .select({ name: staffUsers.name })
            .from(staffUsers)
            .where(eq(staffUsers.id, tx.actor.staffUserId))
        : [];
    const language = pickLanguage(reply.texts, [input.language, guestLanguage(contact?.metadata)]) ?? "en";
    const guestName = contact?.name?.trim() || booking?.guestName?.trim() || undefined;
    const values: Record<CannedReplyVariable, string | undefined> = {
      "guest.first_name": firstName(guestName),
      "guest.name": guestName,
      "booking.reference": booking?.reference,
      "booking.check_in": booking ? formatStayDate(booking.checkIn, language) : undefined,
      "booking.check_out": booking ? formatStayDate(booking.checkOut, language) : undefined,
      "property.name": property?.name,
      "staff.first_name": firstName(staff?.name),
    };
    const filled = fillCannedReply(reply.texts[language] ?? "", values);
    await tx.db
      .update(cannedReplies)
      // A use is not an edit: updatedAt stays.
      .set({
        usageCount: sql`${cannedReplies.usageCount} + 1`,
        lastUsedAt: tx.now(),
        updatedAt: reply.updatedAt,
      })
      .where(eq(cannedReplies.id, reply.id));
    return { ...filled, language };
  });
}

function guestLanguage(metadata: unknown): string | undefined {
  if (!metadata || typeof metadata !== "object") return undefined;
  const language = (metadata as { language?: unknown }).language;
  return typeof language === "string" ? language : undefined;
}
