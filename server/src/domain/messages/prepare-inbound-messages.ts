import type { Ctx } from "@server/context";
import { lockAdvisoryIds, lockAdvisoryKeys } from "@server/db/advisory-lock";
import { noteContactsWithoutBooking } from "@server/domain/bookings/find-current-booking";
import { stashContactsByPhone } from "@server/domain/contacts/find-or-create-contact";
import { normalizeInternationalPhone } from "@server/domain/contacts/normalize-phone";
import { notePhonesWithoutCsatSurvey } from "@server/domain/csat/record-csat-reply";
import { stashReusableThreads } from "@server/domain/threads/find-reusable-thread";
import { AppError } from "@server/errors";
import type { InboundEvent, InboundMessageEvent } from "@server/providers/inbound-event";
import { lockProviderIds } from "./lock-provider-ids";
import { noteUnstoredProviderIds } from "./record-inbound-message";

/**
 * Readies a transaction that is about to record many guests' messages one after another (a batch
 * lane, ADR 0007): takes up front, in a few statements for all of them, what each message would
 * otherwise ask on round trips of its own: the locks (its provider id, its sender's phone and
 * contact, in sorted order, one kind after another in the order a message takes them), and the reads
 * (is the id new, the sender's contact, the thread to continue, a booking, a survey awaiting a reply).
 * The rules do not change: recordInboundMessage still makes every check, and finds the lock held or
 * the answer kept for it (db/transaction-memo). A guest's first message takes the rows read here;
 * their next one in the batch reads again and sees what the first wrote.
 */
export async function prepareInboundMessages(ctx: Ctx, events: InboundEvent[]): Promise<void> {
  if (!ctx.afterCommit) throw new Error("prepareInboundMessages runs inside the transaction it readies");
  const messages = events.filter((event): event is InboundMessageEvent => event.kind === "message");
  if (messages.length === 0) return;
  const providerIds = [
    ...new Set(messages.flatMap((m) => (m.providerMessageId ? [m.providerMessageId] : []))),
  ];
  const phones = [...new Set(messages.flatMap((m) => phoneOf(m.from)))];
  const earliest = new Date(Math.min(...messages.map((m) => (m.timestamp ?? ctx.now()).getTime())));

  await lockProviderIds(ctx, providerIds);
  await lockAdvisoryKeys(ctx, "contact-phone", phones);
  const contacts = await stashContactsByPhone(ctx, phones);
  const contactIds = contacts.filter((c) => c.mergedIntoId === null).map((c) => c.id);
  await lockAdvisoryIds(ctx, "contact", contactIds);

  await noteUnstoredProviderIds(ctx, providerIds);
  await notePhonesWithoutCsatSurvey(ctx, phones);
  await stashReusableThreads(ctx, { contactIds, at: earliest, reuseDays: ctx.config.threads.reuseDays });
  await noteContactsWithoutBooking(ctx, contactIds, earliest);
}

/** The sender's phone as recordInboundMessage normalizes it; none when invalid (that message fails on its own). */
function phoneOf(from: string): string[] {
  try {
    return [normalizeInternationalPhone(from)];
  } catch (err) {
    if (err instanceof AppError) return [];
    throw err;
  }
}
