import { index, integer, jsonb, pgTable, primaryKey, serial, text } from "drizzle-orm/pg-core";
import { at, createdAt } from "./columns";
import { properties } from "./properties";
import { staffUsers } from "./staff";
import { threads } from "./threads";

/**
 * What a staff member is writing in a thread's composer, per channel (text, template and fields, an
 * uploaded attachment): kept on the server so a reload or a second device finds it. Cleared on send.
 */
export const composerDrafts = pgTable(
  "composer_drafts",
  {
    staffUserId: integer()
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    threadId: integer()
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    channel: text().notNull(),
    body: jsonb().notNull(),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.staffUserId, t.threadId, t.channel] }), index().on(t.threadId)],
);

/**
 * A file attached in the composer, stored in the media store under `storageKey` and served without a
 * session at /media/outbound/<token>.<ext> so Gupshup can fetch it (the token is the capability).
 */
export const outboundUploads = pgTable(
  "outbound_uploads",
  {
    id: serial().primaryKey(),
    token: text().notNull().unique(),
    threadId: integer()
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    propertyId: integer().references(() => properties.id, { onDelete: "set null" }),
    staffUserId: integer().references(() => staffUsers.id, { onDelete: "set null" }),
    storageKey: text().notNull(),
    /** What the bytes are (sniffed), never what the browser declared. */
    contentType: text().notNull(),
    /** image | document: how WhatsApp is asked to show it. */
    mediaType: text().notNull(),
    extension: text().notNull(),
    filename: text().notNull(),
    size: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.threadId)],
);
