import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, smallint, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, createdAt, updatedAt } from "./columns";
import { properties } from "./properties";
import { threads } from "./threads";

/**
 * Response-time targets of a property, optionally narrowed to a channel and/or a priority (0–4); the
 * most specific policy matching a thread applies. A null target is not measured.
 */
export const slaPolicies = pgTable(
  "sla_policies",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    propertyId: integer()
      .notNull()
      .references(() => properties.id, { onDelete: "cascade" }),
    /** WHATSAPP | SMS | EMAIL | CALL, or null for any channel. */
    channel: text(),
    priority: smallint(),
    firstResponseSeconds: integer(),
    nextResponseSeconds: integer(),
    resolutionSeconds: integer(),
    /** The clocks stop while the thread is snoozed or pending (waiting on the guest). */
    pauseWhileSnoozed: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("sla_policies_scope_unique").on(
      t.propertyId,
      sql`coalesce(${t.channel}, '')`,
      sql`coalesce(${t.priority}, -1)`,
    ),
  ],
);

/** One row per target that ended: met in time, or breached (written once, by the breach sweep). */
export const slaOutcomes = pgTable(
  "sla_outcomes",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    threadId: integer()
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    propertyId: integer().references(() => properties.id, { onDelete: "set null" }),
    kind: text({ enum: ["FIRST_RESPONSE", "NEXT_RESPONSE", "RESOLUTION"] }).notNull(),
    outcome: text({ enum: ["MET", "BREACHED"] }).notNull(),
    dueAt: at().notNull(),
    /** When it was met, or when the due time passed. */
    at: at().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.propertyId, t.at), index().on(t.threadId)],
);
