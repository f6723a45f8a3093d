import { sql } from "drizzle-orm";
import type { Database } from "./client";
import { countPendingMigrations } from "./migrate";

/** /ready checks for the database: it answers, and every migration in the repository is applied. */
export function databaseReadinessChecks(database: Database) {
  return [
    {
      name: "database",
      check: async () => {
        await database.db.execute(sql`select 1`);
        return { ok: true };
      },
    },
    {
      name: "migrations",
      check: async () => {
        const pending = await countPendingMigrations(database.db);
        return pending === 0 ? { ok: true } : { ok: false, detail: `${pending} pending` };
      },
    },
  ];
}
