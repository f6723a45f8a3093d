import { projectPath } from "@server/project-path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { Db } from "./client";
import { queryRows } from "./query-rows";

const migrationsFolder = projectPath("server/migrations");

// Any fixed number works; it only has to be the same in every instance of commhub.
const MIGRATION_LOCK_KEY = 874_310_221;

/**
 * Applies pending migrations in one transaction under an advisory lock, so instances starting
 * together wait for each other instead of racing. Returns how many were applied.
 */
export async function runMigrations(db: Db): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(
      sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
    );
    const [last] = await queryRows<{ created_at: string | null }>(
      tx,
      sql`select max(created_at) as created_at from drizzle.__drizzle_migrations`,
    );
    const lastApplied = Number(last?.created_at ?? 0);
    const pending = migrations.filter((m) => m.folderMillis > lastApplied);
    for (const migration of pending) {
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
      );
    }
    return pending.length;
  });
}

/** Number of migrations in the repository that the database has not applied. */
export async function countPendingMigrations(db: Db): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder });
  const [table] = await queryRows<{ t: string | null }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') as t`,
  );
  if (!table?.t) return migrations.length;
  const [last] = await queryRows<{ created_at: string | null }>(
    db,
    sql`select max(created_at) as created_at from drizzle.__drizzle_migrations`,
  );
  const lastApplied = Number(last?.created_at ?? 0);
  return migrations.filter((m) => m.folderMillis > lastApplied).length;
}
