import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, smallint, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, createdAt, updatedAt } from "./columns";
import { contacts } from "./contacts";
import { messageLogs } from "./messages";
import { properties } from "./properties";
import { threads } from "./threads";

/** Per property: whether resolved threads get a satisfaction survey, after how long, and its words. */
export const csatSettings = pgTable("csat_settings", {
  propertyId: integer()
    .primaryKey()
    .references(() => properties.id, { onDelete: "cascade" }),
  enabled: boolean().notNull().default(false),
  delayMinutes: integer().notNull().default(30),
  /** The approved WhatsApp template (its name) sent when the 24-hour window has closed; null skips. */
  templateName: text(),
  surveyText: text().notNull(),
  updatedAt: updatedAt(),
});

/**
 * One survey per resolution of a thread (the thread's resolvedAt at the time): SCHEDULED until its
 * delayed job runs, then SENT or SKIPPED (with the reason), ANSWERED once the guest rated 1–5.
 */
export const csatSurveys = pgTable(
  "csat_surveys",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    threadId: integer()
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    propertyId: integer().references(() => properties.id, { onDelete: "set null" }),
    contactId: integer()
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    resolvedAt: at().notNull(),
    status: text({ enum: ["SCHEDULED", "SENT", "SKIPPED", "ANSWERED"] })
      .notNull()
      .default("SCHEDULED"),
    skipReason: text(),
    channel: text({ enum: ["WHATSAPP", "SMS"] }),
    /** interactive (a WhatsApp list), template, or sms. */
    kind: text(),
    messageId: integer().references(() => messageLogs.id, { onDelete: "set null" }),
    sentAt: at(),
    rating: smallint(),
    ratedAt: at(),
    comment: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("csat_surveys_one_per_resolution").on(t.threadId, t.resolvedAt),
    index("csat_surveys_contact_awaiting_idx")
      .on(t.contactId, t.sentAt)
      .where(sql`${t.status} in ('SENT', 'ANSWERED')`),
    index("csat_surveys_property_resolved_idx").on(t.propertyId, t.resolvedAt),
  ],
);
