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
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
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

  const contactRows = await rowsWhere(ctx, contacts, contacts.id, contactIds, contacts.id);
  const threadRows = await rowsWhere(ctx, threads, threads.id, threadIds, threads.id);
  const messageRows = await rowsWhere(
    ctx,
    messageLogs,
    messageLogs.id,
    messageIds,
    messageLogs.createdAt,
    messageLogs.id,
  );
  const statusRows = await rowsWhere(
    ctx,
    messageStatusEvents,
    messageStatusEvents.messageId,
    messageIds,
    messageStatusEvents.id,
  );
  const attemptRows = await rowsWhere(ctx, sendAttempts, sendAttempts.messageId, messageIds, sendAttempts.id);
  const notes = await rowsWhere(ctx, threadNotes, threadNotes.threadId, threadIds, threadNotes.id);
  const events = await rowsWhere(ctx, threadEvents, threadEvents.threadId, threadIds, threadEvents.id);
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
  const bookingRows = await rowsWhere(ctx, bookings, bookings.contactId, contactIds, bookings.id);
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

/** The rows of `table` whose `column` is one of `ids`, ordered by `order`; no query when there are none. */
async function rowsWhere<T extends PgTable>(
  ctx: Ctx,
  table: T,
  column: PgColumn,
  ids: number[],
  ...order: PgColumn[]
): Promise<T["$inferSelect"][]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .select()
    .from(table as PgTable)
    .where(inArray(column, ids))
    .orderBy(...order.map((c) => asc(c)));
  return rows as T["$inferSelect"][];
}
