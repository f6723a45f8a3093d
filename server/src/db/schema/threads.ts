import { desc, sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { bookings } from "./bookings";
import { at, createdAt, updatedAt } from "./columns";
import { contacts } from "./contacts";
import { threadStatus } from "./enums";
import { properties } from "./properties";
import { threadSlaColumns } from "./sla-columns";
import { staffUsers } from "./staff";

export const threads = pgTable(
  "threads",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    contactId: integer()
      .notNull()
      .references(() => contacts.id),
    propertyId: integer().references(() => properties.id),
    bookingId: integer().references(() => bookings.id, { onDelete: "set null" }),
    subject: text(),
    status: threadStatus().notNull().default("OPEN"),
    snoozedUntil: at(),
    assigneeId: integer().references(() => staffUsers.id, { onDelete: "set null" }),
    lastMessageAt: at().notNull().defaultNow(),
    lastPreview: text(),
    lastInboundAt: at(),
    /** WHATSAPP | SMS | EMAIL | CALL: the reply composer defaults to the guest's last inbound channel. */
    lastInboundChannel: text(),
    /** Start of WhatsApp's 24-hour customer-service window: the guest's latest WhatsApp message. */
    lastWhatsappInboundAt: at(),
    lastSmsInboundAt: at(),
    unreadCount: integer().notNull().default(0),
    /** 0 none, 1 low, 2 medium, 3 high, 4 urgent (THREAD_PRIORITIES in contract/labels.ts): sorts as a number. */
    priority: smallint().notNull().default(0),
    /** Every guest message, call and email ever received: each person's read marker counts up to it. */
    inboundCount: integer().notNull().default(0),
    firstResponseAt: at(),
    resolvedAt: at(),
    ...threadSlaColumns(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // At most one unresolved thread per contact per property: concurrent bursts cannot create two.
    uniqueIndex("threads_one_open_per_contact_property")
      .on(t.contactId, sql`coalesce(${t.propertyId}, 0)`)
      .where(sql`${t.status} <> 'RESOLVED'`),
    index("threads_property_status_activity_idx").on(
      t.propertyId,
      t.status,
      desc(t.lastMessageAt),
      desc(t.id),
    ),
    index("threads_assignee_activity_idx").on(t.assigneeId, desc(t.lastMessageAt)),
    index("threads_activity_idx").on(desc(t.lastMessageAt), desc(t.id)),
    index("threads_priority_activity_idx").on(desc(t.priority), desc(t.lastMessageAt), desc(t.id)),
    index().on(t.contactId),
    index().on(t.bookingId),
    index("threads_sla_due_idx").on(t.slaDueAt, t.id).where(sql`${t.slaDueAt} is not null`),
  ],
);

export const threadNotes = pgTable(
  "thread_notes",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    threadId: integer()
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    authorId: integer().references(() => staffUsers.id, { onDelete: "set null" }),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.threadId, t.createdAt)],
);

/** System events shown on a thread's timeline: assignments, status changes, merges. */
export const threadEvents = pgTable(
  "thread_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    threadId: integer()
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    type: text().notNull(),
    actorType: text({ enum: ["STAFF", "API_KEY", "SYSTEM"] }).notNull(),
    actorId: integer(),
    data: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.threadId, t.createdAt)],
);

/**
 * Where each staff member has read a thread up to: their unread count is the thread's inbound count
 * minus what they had seen. No row = nothing read yet.
 */
export const threadReads = pgTable(
  "thread_reads",
  {
    threadId: integer()
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    staffUserId: integer()
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    /** The thread's inboundCount when this person last read it. */
    readInboundCount: integer().notNull().default(0),
    lastReadAt: at().notNull().defaultNow(),
    /** "Mark as unread": shows as at least one unread until read again. */
    markedUnread: boolean().notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.staffUserId] }), index().on(t.staffUserId)],
);
