import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
import { properties, threads } from "@server/db/schema/index";
import { readOncePerTransaction } from "@server/db/transaction-memo";
import { autoAssignThread } from "@server/domain/assignment/auto-assign-thread";
import type { Booking } from "@server/domain/bookings/find-current-booking";
import { normalizeInternationalPhone, normalizePhone } from "@server/domain/contacts/normalize-phone";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { eq, sql } from "drizzle-orm";
import { findOpenThread } from "./find-open-thread";
import type { Thread } from "./get-thread";
import { recordThreadEvent } from "./record-thread-event";

export type CreateThreadInput = {
  contactId: number;
  booking?: Booking;
  receivingNumber?: string;
  /** `international`: the receiving number came from a provider's callback (see linkThread). */
  receivingNumberFormat?: "international";
  /** Staff chose the property (a conversation they start); the booking's still wins when there is one. */
  propertyId?: number;
  at: Date;
  subject?: string;
};

/**
 * Opens a new thread for a contact: property from the booking, else the property whose WhatsApp
 * number received the message, else the default property, else none (admins' queue). Auto-assigns by
 * the property's policy. Call under the contact's lock; if an open thread of that property appeared
 * anyway, that one is returned with created false.
 */
export async function createThread(
  ctx: Ctx,
  input: CreateThreadInput,
): Promise<{ thread: Thread; created: boolean }> {
  const propertyId = input.booking?.propertyId ?? input.propertyId ?? (await routeByNumber(ctx, input));
  const [inserted] = await ctx.db
    .insert(threads)
    .values({
      contactId: input.contactId,
      propertyId,
      bookingId: input.booking?.id ?? null,
      subject: input.subject ?? null,
      status: "OPEN",
      lastMessageAt: input.at,
      createdAt: ctx.now(),
    })
    .onConflictDoNothing()
    .returning();
  if (!inserted) return { thread: await openThreadOf(ctx, input.contactId, propertyId), created: false };
  await recordThreadEvent(ctx, { threadId: inserted.id, type: "created", at: input.at });
  await publishEvent(ctx, {
    type: "thread.created",
    propertyId,
    threadId: inserted.id,
    payload: { threadId: inserted.id, contactId: input.contactId, propertyId },
  });
  const assigneeId = await autoAssignThread(ctx, { thread: inserted, at: input.at });
  return { thread: { ...inserted, assigneeId }, created: true };
}

async function routeByNumber(ctx: Ctx, input: CreateThreadInput): Promise<number | null> {
  const number = readNumber(ctx, input);
  if (number) {
    // A setting: a batch lane opening threads for many new guests of one number reads it once.
    const [byNumber] = await readOncePerTransaction(ctx, `property-by-number:${number}`, () =>
      preparedQuery(ctx.db, "property_by_whatsapp_number", (db, name) =>
        db
          .select({ id: properties.id })
          .from(properties)
          .where(eq(properties.whatsappNumber, sql.placeholder("number")))
          .prepare(name),
      ).execute({ number }),
    );
    if (byNumber) return byNumber.id;
  }
  const [fallback] = await readOncePerTransaction(ctx, "default-property", () =>
    preparedQuery(ctx.db, "default_property", (db, name) =>
      db
        .select({ id: properties.id })
        .from(properties)
        .where(eq(properties.isDefault, true))
        .orderBy(properties.id)
        .limit(1)
        .prepare(name),
    ).execute(),
  );
  return fallback?.id ?? null;
}

function readNumber(ctx: Ctx, input: CreateThreadInput): string | undefined {
  if (!input.receivingNumber) return undefined;
  try {
    return input.receivingNumberFormat === "international"
      ? normalizeInternationalPhone(input.receivingNumber)
      : normalizePhone(input.receivingNumber, ctx.config.defaultCountry);
  } catch {
    return undefined;
  }
}

async function openThreadOf(ctx: Ctx, contactId: number, propertyId: number | null): Promise<Thread> {
  const thread = await findOpenThread(ctx, { contactId, propertyId });
  if (!thread) throw new Error("thread insert conflicted but no open thread was found");
  return thread;
}
