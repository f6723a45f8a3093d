import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, createdAt, updatedAt } from "./columns";
import { properties } from "./properties";
import { staffUsers } from "./staff";

/** Saved answers staff insert with `/shortcut`: per property, or chain-wide when propertyId is null. */
export const cannedReplies = pgTable(
  "canned_replies",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    propertyId: integer().references(() => properties.id, { onDelete: "cascade" }),
    title: text().notNull(),
    shortcut: text().notNull(),
    /** The text per language code ({"en": "…", "hi": "…"}), with {{variables}}; at least one. */
    texts: jsonb().$type<Record<string, string>>().notNull(),
    usageCount: integer().notNull().default(0),
    lastUsedAt: at(),
    createdById: integer().references(() => staffUsers.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One shortcut per scope: chain-wide replies share scope 0.
    uniqueIndex("canned_replies_scope_shortcut_idx").on(sql`coalesce(${t.propertyId}, 0)`, t.shortcut),
    index().on(t.propertyId),
  ],
);
