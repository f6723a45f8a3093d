import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, createdAt, updatedAt } from "./columns";

/** Raw provider callbacks, stored before the 200 is sent; processed afterwards by a job. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    provider: text().notNull(),
    /** Deterministic key derived from the payload (message id, status + id, or body hash). */
    dedupeKey: text().notNull(),
    kind: text().notNull(),
    /** RECEIVED | PROCESSED | FAILED | IGNORED | UNPARSEABLE */
    status: text().notNull().default("RECEIVED"),
    rawBody: text().notNull(),
    /** utf8, or base64 when the body was not valid UTF-8 (kept byte for byte). */
    bodyEncoding: text().notNull().default("utf8"),
    contentType: text(),
    method: text().notNull().default("POST"),
    query: text(),
    headers: jsonb(),
    sourceIp: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    receivedAt: createdAt(),
    processedAt: at(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.provider, t.dedupeKey), index().on(t.status, t.receivedAt)],
);
