import { bigint, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/**
 * Every realtime event, written in the transaction that caused it. Its id is the SSE event id, so a
 * client reconnecting with Last-Event-ID is replayed what it missed, on any instance.
 */
export const realtimeEvents = pgTable(
  "realtime_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    type: text().notNull(),
    propertyId: integer(),
    threadId: integer(),
    /** Set for an event meant for one staff member only (a mention, their draft): nobody else receives it. */
    recipientStaffId: integer(),
    payload: jsonb().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.createdAt)],
);
