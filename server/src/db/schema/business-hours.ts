import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";
import { contacts } from "./contacts";
import { messageLogs } from "./messages";
import { properties } from "./properties";
import { threads } from "./threads";

/**
 * A property's opening hours, in the property's time zone. No row, or `enabled` false, means open
 * around the clock (no out-of-hours replies, SLA clocks count every minute).
 */
export const propertyBusinessHours = pgTable("property_business_hours", {
  propertyId: integer()
    .primaryKey()
    .references(() => properties.id, { onDelete: "cascade" }),
  enabled: boolean().notNull().default(false),
  /** Seven lists of {open, close} "HH:MM" shifts, Sunday first; a close before the open runs past midnight. */
  weekly: jsonb().$type<{ open: string; close: string }[][]>().notNull(),
  /** Local dates ("YYYY-MM-DD") closed all day. */
  closures: jsonb().$type<{ date: string; label?: string }[]>().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** What a property sends on its own: the out-of-hours reply and the greeting for a guest's first message. */
export const propertyAutoReplies = pgTable("property_auto_replies", {
  propertyId: integer()
    .primaryKey()
    .references(() => properties.id, { onDelete: "cascade" }),
  outOfHoursEnabled: boolean().notNull().default(false),
  outOfHoursText: text().notNull().default(""),
  /** The approved WhatsApp template sent when the 24-hour window is closed; none skips the reply there. */
  outOfHoursTemplateName: text(),
  outOfHoursTemplateParams: jsonb().$type<string[]>().notNull().default([]),
  /** A conversation gets at most one out-of-hours reply in this many minutes. */
  minIntervalMinutes: integer().notNull().default(720),
  greetingEnabled: boolean().notNull().default(false),
  greetingText: text().notNull().default(""),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Every automatic reply sent, to space them out per conversation and greet a guest only once. */
export const autoReplySends = pgTable(
  "auto_reply_sends",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    kind: text({ enum: ["OUT_OF_HOURS", "GREETING"] }).notNull(),
    propertyId: integer()
      .notNull()
      .references(() => properties.id, { onDelete: "cascade" }),
    threadId: integer()
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    contactId: integer()
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    /** The guest message that triggered it. */
    inboundMessageId: integer().references(() => messageLogs.id, { onDelete: "set null" }),
    /** The reply sent; null when it was decided against (recorded so that a retry does not send it). */
    messageId: integer().references(() => messageLogs.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.threadId, t.kind, t.createdAt),
    // A guest is greeted once in their life, whatever the race between two first messages.
    uniqueIndex("auto_reply_sends_one_greeting_idx").on(t.contactId).where(sql`${t.kind} = 'GREETING'`),
  ],
);
