import { boolean, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";

export const properties = pgTable("properties", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  code: text().notNull().unique(),
  name: text().notNull(),
  timezone: text().notNull().default("Asia/Kolkata"),
  /** The business number guests write to; maps inbound messages to this property. */
  whatsappNumber: text().unique(),
  smsSender: text(),
  /** Which new threads are auto-assigned: only booking-linked ones (the default) or all. */
  assignmentPolicy: text({ enum: ["BOOKING_LINKED", "ALL"] })
    .notNull()
    .default("BOOKING_LINKED"),
  /** Round-robin cursor: the staff member who received the last auto-assigned thread. */
  roundRobinLastStaffId: integer(),
  isDefault: boolean().notNull().default(false),
  /** Guests' attachments are deleted this many days after their thread is resolved; null keeps them. */
  mediaRetentionDays: integer(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
