import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { properties } from "./properties";
import { threads } from "./threads";

/** A property's labels for sorting conversations (VIP, Complaint, Late check-out…). */
export const labels = pgTable(
  "labels",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    propertyId: integer()
      .notNull()
      .references(() => properties.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** One of LABEL_COLORS (contract/labels.ts): a fixed palette that keeps text readable. */
    color: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("labels_property_name_unique").on(t.propertyId, sql`lower(${t.name})`)],
);

/** Which labels a thread carries; always labels of the thread's own property. */
export const threadLabels = pgTable(
  "thread_labels",
  {
    threadId: integer()
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    labelId: integer()
      .notNull()
      .references(() => labels.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.labelId] }), index().on(t.labelId, t.threadId)],
);
