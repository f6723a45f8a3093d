import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { at, createdAt, updatedAt } from "./columns";

export const contacts = pgTable(
  "contacts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Country code + national number, digits only, no '+': the one canonical form every lookup uses. */
    phone: text().unique(),
    name: text(),
    email: text(),
    whatsappOptedOut: boolean().notNull().default(false),
    whatsappOptedOutAt: at(),
    /** Gupshup answered "number not on WhatsApp" (1002) for this phone; a WhatsApp message from them clears it. */
    whatsappUnreachableAt: at(),
    smsOptedOut: boolean().notNull().default(false),
    smsOptedOutAt: at(),
    /** Meta's "stop marketing messages" (or error 131050): MARKETING templates are refused. */
    marketingOptedOut: boolean().notNull().default(false),
    /** The provider's time of the latest marketing stop/resume applied: an older event loses to it. */
    marketingPreferenceAt: at(),
    metadata: jsonb(),
    /** Set when this contact was merged into another; it then holds no messages or threads. */
    mergedIntoId: integer(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("contacts_email_lower_idx").on(sql`lower(${t.email})`),
    // Trigram indexes serve the inbox's substring search (`ILIKE '%term%'`) without a sequential scan.
    index("contacts_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    index("contacts_email_trgm_idx").using("gin", t.email.op("gin_trgm_ops")),
    index("contacts_phone_trgm_idx").using("gin", t.phone.op("gin_trgm_ops")),
  ],
);
