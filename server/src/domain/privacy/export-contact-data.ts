import type { Ctx } from "@server/context";
import {
  auditLogs,
  bookings,
  callLogs,
  contacts,
  emailMessages,
  messageLogs,
  messageStatusEvents,
  sendAttempts,
  threadEvents,
  threadNotes,
  threads,
} from "@server/db/schema/index";
import { requireRole } from "@server/domain/access/property-scope";
import { recordAudit } from "@server/domain/audit/record-audit";
import { getContact } from "@server/domain/contacts/get-contact";
import type { MediaStore } from "@server/domain/media/media-store";
import { and, asc, eq, inArray, or, type SQL } from "drizzle-orm";
import { readGuestMedia } from "./guest-media";
import { findGuestScope } from "./guest-scope";

export type ContactExport = {
  /** contact.json: everything the hub holds about the guest, as rows (dates as ISO strings). */
  document: Record<string, unknown>;
  /** Attachments, named media/<message id>-<file name>, read one at a time while the zip is written. */
  media: Array<{ name: string; read: () => Promise<Buffer | undefined> }>;
};

const CONSENT_ACTIONS = [
  "contact.opted_out",
  "contact.opted_in",
  "contact.marketing_stopped",
  "contact.marketing_resumed",
];

/**
 * Everything held about one contact (and the duplicates merged into it): the contact, threads, messages
 * with their status history and send attempts, calls, emails, notes, thread events, bookings, consent
 * history, audit entries about them and the stored attachments. Admins only; the export is audited.
 */
export async function exportContactData(
  ctx: Ctx,
  store: MediaStore,
  contactId: number,
): Promise<ContactExport> {
  requireRole(ctx, "ADMIN");
  const contact = await getContact(ctx, contactId);
  const scope = await findGuestScope(ctx, contact.id);
  const { contactIds, threadIds, messageIds } = scope;
  const byContactOrThread = (table: typeof callLogs | typeof emailMessages): SQL | undefined =>
    or(
      inArray(table.contactId, contactIds),
      threadIds.length ? inArray(table.threadId, threadIds) : undefined,
    );

  const contactRows = await ctx.db
    .select()
    .from(contacts)
    .where(inArray(contacts.id, contactIds))
    .orderBy(asc(contacts.id));
  const threadRows = threadIds.length
    ? await ctx.db.select().from(threads).where(inArray(threads.id, threadIds)).orderBy(asc(threads.id))
    : [];
  const messageRows = messageIds.length
    ? await ctx.db
        .select()
        .from(messageLogs)
        .where(inArray(messageLogs.id, messageIds))
        .orderBy(asc(messageLogs.createdAt), asc(messageLogs.id))
    : [];
  const statusRows = messageIds.length
    ? await ctx.db
        .select()
        .from(messageStatusEvents)
        .where(inArray(messageStatusEvents.messageId, messageIds))
        .orderBy(asc(messageStatusEvents.id))
    : [];
  const attemptRows = messageIds.length
    ? await ctx.db
        .select()
        .from(sendAttempts)
        .where(inArray(sendAttempts.messageId, messageIds))
        .orderBy(asc(sendAttempts.id))
    : [];
  const notes = threadIds.length
    ? await ctx.db
        .select()
        .from(threadNotes)
        .where(inArray(threadNotes.threadId, threadIds))
        .orderBy(asc(threadNotes.id))
    : [];
  const events = threadIds.length
    ? await ctx.db
        .select()
        .from(threadEvents)
        .where(inArray(threadEvents.threadId, threadIds))
        .orderBy(asc(threadEvents.id))
    : [];
  const calls = await ctx.db
    .select()
    .from(callLogs)
    .where(byContactOrThread(callLogs))
    .orderBy(asc(callLogs.id));
  const emails = await ctx.db
    .select()
    .from(emailMessages)
    .where(byContactOrThread(emailMessages))
    .orderBy(asc(emailMessages.id));
  const bookingRows = await ctx.db
    .select()
    .from(bookings)
    .where(inArray(bookings.contactId, contactIds))
    .orderBy(asc(bookings.id));
  const target = (type: string, ids: number[]) =>
    ids.length
      ? and(
          eq(auditLogs.targetType, type),
          inArray(
            auditLogs.targetId,
            ids.map((id) => String(id)),
          ),
        )
      : undefined;
  const audit = await ctx.db
    .select()
    .from(auditLogs)
    .where(or(target("contact", contactIds), target("thread", threadIds), target("message", messageIds)))
    .orderBy(asc(auditLogs.id));

  const media: ContactExport["media"] = [];
  const messagesOut = [];
  for (const message of messageRows) {
    let mediaFile: string | null = null;
    if (message.mediaStatus === "STORED" && message.mediaStoragePath) {
      const storagePath = message.mediaStoragePath;
      mediaFile = `media/${message.id}-${fileName(message.mediaFilename, storagePath)}`;
      media.push({ name: mediaFile, read: () => readGuestMedia(store, storagePath) });
    }
    messagesOut.push({
      ...message,
      mediaFile,
      statusHistory: statusRows.filter((s) => s.messageId === message.id),
      sendAttempts: attemptRows.filter((a) => a.messageId === message.id),
    });
  }

  await recordAudit(ctx, {
    action: "contact.exported",
    targetType: "contact",
    targetId: contact.id,
    details: { contacts: contactIds.length, messages: messageIds.length, mediaFiles: media.length },
  });

  const document = {
    exportedAt: ctx.now().toISOString(),
    contactId: contact.id,
    contacts: contactRows,
    consent: {
      current: {
        whatsappOptedOut: contact.whatsappOptedOut,
        whatsappOptedOutAt: contact.whatsappOptedOutAt,
        smsOptedOut: contact.smsOptedOut,
        smsOptedOutAt: contact.smsOptedOutAt,
        marketingOptedOut: contact.marketingOptedOut,
        marketingPreferenceAt: contact.marketingPreferenceAt,
      },
      history: audit.filter((entry) => CONSENT_ACTIONS.includes(entry.action)),
    },
    bookings: bookingRows,
    threads: threadRows.map((thread) => ({
      ...thread,
      notes: notes.filter((n) => n.threadId === thread.id),
      events: events.filter((e) => e.threadId === thread.id),
    })),
    messages: messagesOut,
    calls,
    emails,
    audit,
  };
  return { document, media };
}

/** The file's name inside the zip: the sender's name made safe, or the stored file's own name. */
function fileName(declared: string | null, storagePath: string): string {
  const cleaned = (declared ?? "")
    .replace(/[^\w.\- ]/g, "_")
    .replace(/^[.\s]+/, "")
    .slice(0, 120)
    .trim();
  return cleaned || (storagePath.split("/").pop() ?? "attachment");
}
