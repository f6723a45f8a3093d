import { boolean, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { at, createdAt, updatedAt } from "./columns";
import { staffRole } from "./enums";
import { properties } from "./properties";

export const staffUsers = pgTable("staff_users", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  email: text().notNull().unique(),
  name: text().notNull(),
  role: staffRole().notNull().default("AGENT"),
  passwordHash: text(),
  /** Set by a reset to a temporary password: until changed, only sign-out and the change itself work. */
  mustChangePassword: boolean().notNull().default(false),
  isActive: boolean().notNull().default(true),
  /** On shift and taking new threads; auto-assignment skips staff who are not. */
  isAvailable: boolean().notNull().default(true),
  maxOpenThreads: integer(),
  lastLoginAt: at(),
  /** A demo account still on the random password the demo seed printed: the real Gupshup refuses to start. */
  hasDemoPassword: boolean().notNull().default(false),
  /** Desktop notifications for guest messages on my or unassigned threads (the person opted in). */
  notifyDesktop: boolean().notNull().default(false),
  /** Show the message text in desktop notifications (otherwise only guest and property). */
  notifyShowBody: boolean().notNull().default(false),
  notifySound: boolean().notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const propertyMemberships = pgTable(
  "property_memberships",
  {
    staffUserId: integer()
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    propertyId: integer()
      .notNull()
      .references(() => properties.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.staffUserId, t.propertyId] }), index().on(t.propertyId)],
);

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the cookie token; the token itself is never stored. */
    id: text().primaryKey(),
    staffUserId: integer()
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    csrfToken: text().notNull(),
    ip: text(),
    userAgent: text(),
    createdAt: createdAt(),
    lastSeenAt: createdAt(),
    expiresAt: at().notNull(),
    revokedAt: at(),
  },
  (t) => [index().on(t.staffUserId)],
);

export const apiKeys = pgTable("api_keys", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull(),
  /** First characters of the key, shown in lists so people can tell keys apart. */
  prefix: text().notNull(),
  keyHash: text().notNull().unique(),
  role: staffRole().notNull(),
  createdById: integer().references(() => staffUsers.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  lastUsedAt: at(),
  revokedAt: at(),
  /** After this the key is refused like a revoked one; null = never expires. */
  expiresAt: at(),
});

export const apiKeyProperties = pgTable(
  "api_key_properties",
  {
    apiKeyId: integer()
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    propertyId: integer()
      .notNull()
      .references(() => properties.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.propertyId] })],
);
