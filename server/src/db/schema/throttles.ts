import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { at } from "./columns";

/**
 * Failed sign-in counters, one row per (email, client address) pair and one per client address, kept in
 * the database so every instance on one PostgreSQL shares them. The key is a SHA-256 of the pair: a
 * mistyped password in the email field never lands here in clear.
 */
export const loginThrottles = pgTable(
  "login_throttles",
  {
    keyHash: text().primaryKey(),
    scope: text({ enum: ["ACCOUNT", "IP"] }).notNull(),
    failures: integer().notNull().default(0),
    windowStartedAt: at().notNull(),
    lockedUntil: at(),
    updatedAt: at().notNull(),
  },
  (t) => [index().on(t.updatedAt)],
);

/** Fixed-window request counters for per-actor rate limits (one row per key and window). */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    key: text().notNull(),
    windowStart: at().notNull(),
    count: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
