import { index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { at, createdAt, updatedAt } from "./columns";
import { contacts } from "./contacts";
import { messageDirection } from "./enums";
import { threads } from "./threads";

/** A phone call recorded by the telephony integration: a timeline item of the unified thread. */
export const callLogs = pgTable(
  "call_logs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    contactId: integer().references(() => contacts.id, { onDelete: "set null" }),
    threadId: integer().references(() => threads.id, { onDelete: "set null" }),
    bookingId: integer(),
    direction: messageDirection().notNull(),
    /** ANSWERED | MISSED | BUSY | FAILED | VOICEMAIL */
    status: text().notNull(),
    phone: text().notNull(),
    fromNumber: text(),
    toNumber: text(),
    durationSeconds: integer(),
    recordingUrl: text(),
    provider: text(),
    providerCallId: text().unique(),
    metadata: jsonb(),
    startedAt: at().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.threadId, t.startedAt), index().on(t.contactId, t.startedAt), index().on(t.phone)],
);

/** An email recorded by the email integration: a timeline item of the unified thread. */
export const emailMessages = pgTable(
  "email_messages",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    contactId: integer().references(() => contacts.id, { onDelete: "set null" }),
    threadId: integer().references(() => threads.id, { onDelete: "set null" }),
    bookingId: integer(),
    direction: messageDirection().notNull(),
    fromEmail: text().notNull(),
    fromName: text(),
    toEmail: text().notNull(),
    subject: text(),
    body: text(),
    /** RFC 5322 Message-ID, when the integration gives one; makes re-posting an email a no-op. */
    messageId: text().unique(),
    status: text(),
    sentAt: at().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.threadId, t.sentAt), index().on(t.contactId, t.sentAt)],
);
