import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { type Database, fromPglite, fromPostgresUrl, openPglite } from "@server/db/client";
import pg from "pg";
import { inject } from "vitest";
import { databaseUrl } from "./global-setup";

/**
 * A fresh, migrated database for one test file: an in-memory PGlite loaded from the run's template,
 * or a new database on the real server created from the template database. close() discards it.
 */
export async function createTestDatabase(): Promise<Database> {
  const testDb = inject("testDb");
  if (testDb.kind === "pglite") {
    const client = await openPglite({ loadDataDir: new Blob([readFileSync(testDb.dumpFile)]) });
    return fromPglite(client);
  }
  const name = `commhub_test_${randomBytes(6).toString("hex")}_${process.pid}`;
  await withAdmin(testDb.adminUrl, (admin) =>
    admin.query(`create database ${name} template ${testDb.template}`),
  );
  const database = fromPostgresUrl(databaseUrl(testDb.adminUrl, name), 10);
  return {
    ...database,
    close: async () => {
      await database.close();
      await withAdmin(testDb.adminUrl, (admin) =>
        admin.query(`drop database if exists ${name} with (force)`),
      );
    },
  };
}

export function testDbKind(): "pglite" | "postgres" {
  return inject("testDb").kind;
}

async function withAdmin<T>(url: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}
