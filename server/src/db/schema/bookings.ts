import { date, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";
import { contacts } from "./contacts";
import { properties } from "./properties";

export const bookings = pgTable(
  "bookings",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** The booking system's own reference; bookings are upserted by it. */
    reference: text().notNull().unique(),
    contactId: integer().references(() => contacts.id, { onDelete: "set null" }),
    propertyId: integer()
      .notNull()
      .references(() => properties.id),
    guestName: text(),
    phone: text(),
    email: text(),
    checkIn: date({ mode: "string" }).notNull(),
    checkOut: date({ mode: "string" }).notNull(),
    status: text().notNull().default("CONFIRMED"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.contactId, t.checkOut),
    index().on(t.propertyId),
    // Inbox search finds a thread by any part of its booking reference.
    index("bookings_reference_trgm_idx").using("gin", t.reference.op("gin_trgm_ops")),
  ],
);
