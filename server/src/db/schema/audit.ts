import { bigint, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/** Append-only trail of security-relevant actions. */
export const auditLogs = pgTable(
  "audit_logs",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: createdAt(),
    actorType: text({ enum: ["STAFF", "API_KEY", "SYSTEM", "WEBHOOK", "ANONYMOUS"] }).notNull(),
    actorId: integer(),
    actorIp: text(),
    action: text().notNull(),
    propertyId: integer(),
    targetType: text(),
    targetId: text(),
    outcome: text({ enum: ["SUCCESS", "FAILURE", "DENIED"] })
      .notNull()
      .default("SUCCESS"),
    details: jsonb(),
  },
  (t) => [index().on(t.at), index().on(t.action, t.at), index().on(t.propertyId, t.at)],
);
