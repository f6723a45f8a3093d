import { boolean, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { at } from "./columns";
import { messageChannel, messageDirection, messageStatus } from "./enums";

// Rollups the reports read instead of scanning message_logs (issue 18, ADR 0008). They are derived data:
// refreshReportRollups rebuilds any part of them from message_logs and threads, so none of these tables
// has foreign keys and losing them costs only a rebuild.

/** Messages per property × local hour (in the property's zone) × channel × direction × current status. */
export const reportMessageHours = pgTable(
  "report_message_hours",
  {
    /** The thread's property (null: a thread without one, counted in the default zone). */
    propertyId: integer(),
    /** The local hour the messages were created in, as wall-clock time in the property's zone. */
    hour: timestamp({ withTimezone: false }).notNull(),
    channel: messageChannel().notNull(),
    direction: messageDirection().notNull(),
    status: messageStatus().notNull(),
    messages: integer().notNull(),
  },
  (t) => [index("report_message_hours_hour_idx").on(t.hour, t.propertyId)],
);

/** Failed outbound messages per property × local hour × channel × provider error code. */
export const reportErrorHours = pgTable(
  "report_error_hours",
  {
    propertyId: integer(),
    hour: timestamp({ withTimezone: false }).notNull(),
    channel: messageChannel().notNull(),
    /** Gupshup's or Meta's code as sent, else our mapped code, else UNKNOWN. */
    providerErrorCode: text().notNull(),
    /** The greatest of our mapped codes and of the provider texts (cut to 200) among them: a sample. */
    errorCode: text(),
    sampleText: text(),
    messages: integer().notNull(),
  },
  (t) => [index("report_error_hours_hour_idx").on(t.hour, t.propertyId)],
);

/** Conversations opened (thread created) and resolved per property × local hour. */
export const reportThreadHours = pgTable(
  "report_thread_hours",
  {
    propertyId: integer(),
    hour: timestamp({ withTimezone: false }).notNull(),
    opened: integer().notNull(),
    resolved: integer().notNull(),
  },
  (t) => [index("report_thread_hours_hour_idx").on(t.hour, t.propertyId)],
);

/**
 * What the rollups assumed about each thread when they were last refreshed: its property and that
 * property's zone (a thread moved or a zone changed makes both its old and new hours stale), when it was
 * created and resolved (what report_thread_hours counts: a change is applied as -1 there, +1 here), and
 * its earliest message (when a conversation starts, for the response-time report).
 */
export const reportThreads = pgTable(
  "report_threads",
  {
    threadId: integer().primaryKey(),
    propertyId: integer(),
    timezone: text().notNull(),
    createdAt: at().notNull(),
    /** When it was resolved, if it is RESOLVED (a reopened thread no longer counts as resolved). */
    resolvedAt: at(),
    firstMessageAt: at(),
    firstMessageInbound: boolean(),
  },
  (t) => [index("report_threads_property_zone_idx").on(t.propertyId, t.timezone)],
);

/** One row: message changes up to `refreshedAt` (less a safety margin) are in the rollups. */
export const reportRollupState = pgTable("report_rollup_state", {
  id: integer().primaryKey().default(1),
  refreshedAt: at().notNull(),
  /** Changes since the previous refresh that the last one folded in; for the logs and the benchmark. */
  lastDirtyHours: integer().notNull().default(0),
});
