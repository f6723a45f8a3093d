import { desc, sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, smallint, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, createdAt, updatedAt } from "./columns";
import { contacts } from "./contacts";
import { messageChannel, messageDirection, messageStatus } from "./enums";
import { threads } from "./threads";

/** One WhatsApp or SMS message, inbound or outbound: the message log plus what reliability needs. */
export const messageLogs = pgTable(
  "message_logs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    contactId: integer().references(() => contacts.id, { onDelete: "set null" }),
    channel: messageChannel().notNull(),
    direction: messageDirection().notNull(),
    status: messageStatus().notNull().default("PENDING"),
    /** Finer than status (submitted < enqueued < sent …) so the monotonic update can compare one number. */
    statusRank: smallint().notNull().default(0),
    phone: text().notNull(),
    message: text(),
    templateId: text(),
    templateParams: jsonb(),

    provider: text().notNull().default("GUPSHUP"),
    /** Gupshup's message id (gsId) for outbound, the WhatsApp/SMS id for inbound. */
    providerMessageId: text().unique(),
    /** The WhatsApp id (wamid) of an outbound message: status events a week later carry only this. */
    whatsappMessageId: text(),
    providerStatus: text(),
    providerTimestamp: at(),

    metadata: jsonb(),
    errorMessage: text(),
    /** Our mapped failure code (AUTH_FAILED, NOT_ON_WHATSAPP, WINDOW_CLOSED …): what rules decide on. */
    errorCode: text(),
    /** Gupshup's (or Meta's) own code and text as sent (`1002`, `131047`, `105` …): support looks these up. */
    providerErrorCode: text(),
    providerErrorText: text(),
    /** A person acknowledged this failure ("Dismiss"): the thread no longer shows it as failed. */
    failureDismissedAt: at(),
    /** PERMANENT | EXHAUSTED | AMBIGUOUS: why a message is FAILED or needs a person. */
    failureKind: text(),

    bookingId: integer(),
    threadId: integer().references(() => threads.id, { onDelete: "set null" }),

    /** QUEUED | SENDING | ACCEPTED | RETRYING | UNKNOWN | GAVE_UP: where an outbound message is in the send pipeline. */
    sendState: text(),
    attemptCount: integer().notNull().default(0),
    nextAttemptAt: at(),
    idempotencyScope: text(),
    idempotencyKey: text(),
    requestHash: text(),
    senderStaffId: integer(),
    senderApiKeyId: integer(),
    replyToProviderId: text(),

    mediaType: text(),
    mediaUrl: text(),
    mediaCaption: text(),
    mediaFilename: text(),
    mediaMimeType: text(),
    /** PENDING | STORED | FAILED for inbound media fetched into DATA_DIR. */
    mediaStatus: text(),
    mediaStoragePath: text(),
    mediaSize: integer(),

    createdAt: createdAt(),
    updatedAt: updatedAt(),
    sentAt: at(),
    deliveredAt: at(),
    readAt: at(),
    failedAt: at(),
  },
  (t) => [
    index("message_logs_thread_time_idx").on(t.threadId, t.createdAt, t.id),
    index("message_logs_contact_time_idx").on(t.contactId, desc(t.createdAt)),
    index().on(t.phone),
    index().on(t.bookingId),
    index().on(t.whatsappMessageId),
    index("message_logs_created_idx").on(desc(t.createdAt), desc(t.id)),
    // What changed since the report rollups' last refresh (server/src/domain/reports/refresh-report-rollups.ts).
    index("message_logs_updated_idx").on(t.updatedAt),
    index("message_logs_attention_idx")
      .on(t.status, t.updatedAt)
      .where(sql`${t.status} = 'FAILED' or ${t.sendState} = 'UNKNOWN'`),
    uniqueIndex("message_logs_idempotency_idx").on(t.idempotencyScope, t.idempotencyKey),
    index("message_logs_message_trgm_idx").using("gin", t.message.op("gin_trgm_ops")),
  ],
);

/**
 * Every status event the provider reported, kept as history. Rows with no message yet are "held":
 * the status arrived before the send result stored the provider id, and is applied when it does.
 */
export const messageStatusEvents = pgTable(
  "message_status_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    messageId: integer().references(() => messageLogs.id, { onDelete: "cascade" }),
    providerMessageId: text(),
    whatsappMessageId: text(),
    /** The destination the provider reported; lets an ambiguous send be matched to its held statuses. */
    recipientPhone: text(),
    status: messageStatus().notNull(),
    providerStatus: text().notNull(),
    occurredAt: at(),
    errorCode: text(),
    errorReason: text(),
    eventKey: text().notNull().unique(),
    webhookEventId: bigint({ mode: "number" }),
    raw: jsonb(),
    appliedAt: at(),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.messageId, t.createdAt),
    index("message_status_events_held_idx").on(t.providerMessageId).where(sql`${t.messageId} is null`),
    index("message_status_events_held_wa_idx").on(t.whatsappMessageId).where(sql`${t.messageId} is null`),
  ],
);

/** One row per call to the provider for an outbound message. */
export const sendAttempts = pgTable(
  "send_attempts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    messageId: integer()
      .notNull()
      .references(() => messageLogs.id, { onDelete: "cascade" }),
    attemptNo: integer().notNull(),
    /** ACCEPTED | REJECTED | RETRYABLE | AMBIGUOUS, or null while in flight. */
    outcome: text(),
    httpStatus: integer(),
    providerCode: text(),
    error: text(),
    providerMessageId: text(),
    durationMs: integer(),
    startedAt: createdAt(),
    finishedAt: at(),
  },
  (t) => [uniqueIndex().on(t.messageId, t.attemptNo)],
);

/** Each time a person (or key) sent a FAILED message again: the tick history names who retried. */
export const messageRetries = pgTable(
  "message_retries",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    messageId: integer()
      .notNull()
      .references(() => messageLogs.id, { onDelete: "cascade" }),
    actorType: text({ enum: ["STAFF", "API_KEY", "SYSTEM"] }).notNull(),
    actorId: integer(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.messageId, t.createdAt)],
);

/** Approved WhatsApp templates, synced from the provider; validated before every template send. */
export const templates = pgTable("templates", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  providerTemplateId: text().notNull().unique(),
  name: text().notNull(),
  language: text().notNull().default("en"),
  category: text(),
  body: text().notNull(),
  paramCount: integer().notNull().default(0),
  headerType: text(),
  status: text().notNull().default("APPROVED"),
  channel: messageChannel().notNull().default("WHATSAPP"),
  syncedAt: at(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
