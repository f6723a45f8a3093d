import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fromPglite, fromPostgresUrl, openPglite } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { assertNoLeaks } from "./log-leaks";

declare module "vitest" {
  export interface ProvidedContext {
    testDb: { kind: "pglite"; dumpFile: string } | { kind: "postgres"; adminUrl: string; template: string };
    /** Where test apps write their logs for the leak scan; undefined when TEST_LOG_LEVEL sends them to the console. */
    logCapture: { dir: string } | undefined;
  }
}

/** Real PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set, else embedded PGlite. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

// Migrates one template database per test run; every test file then gets a fresh copy of it. Also
// starts the log capture: every test app logs into it, and the run fails if a log leaked anything.
export default async function setup(project: TestProject) {
  const stopCapture = startLogCapture(project);
  const database = await setupDatabase(project);
  return async () => {
    await database();
    stopCapture();
  };
}

function startLogCapture(project: TestProject): () => void {
  if (process.env.TEST_LOG_LEVEL) {
    project.provide("logCapture", undefined);
    return () => {};
  }
  const given = process.env.TEST_LOG_DIR;
  const dir = given ? path.resolve(given) : mkdtempSync(path.join(tmpdir(), "commhub-test-logs-"));
  mkdirSync(dir, { recursive: true });
  project.provide("logCapture", { dir });
  return () => {
    try {
      assertNoLeaks(dir);
    } catch (err) {
      // Vitest prints a teardown error but still exits 0; the exit code is what stops CI on a leak.
      process.exitCode = 1;
      throw err;
    }
    if (!given) rmSync(dir, { recursive: true, force: true });
  };
}

async function setupDatabase(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = testServerUrl();
  if (!serverUrl) {
    const client = await openPglite();
    await runMigrations(fromPglite(client).db);
    const dumpFile = path.join(tmpdir(), `commhub-test-${process.pid}.tar`);
    writeFileSync(dumpFile, Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer()));
    await client.close();
    project.provide("testDb", { kind: "pglite", dumpFile });
    return async () => rmSync(dumpFile, { force: true });
  }

  const template = `commhub_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await dropLeftovers(admin);
  await admin.query(`create database ${template}`);
  const database = fromPostgresUrl(databaseUrl(serverUrl, template), 2);
  await runMigrations(database.db);
  await database.close();
  await admin.end();
  project.provide("testDb", { kind: "postgres", adminUrl: serverUrl, template });
  return async () => {
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${template} with (force)`);
    await cleanup.end();
  };
}

// Databases left by an interrupted run (Ctrl-C, kill) would pile up on a developer's server.
async function dropLeftovers(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    "select datname from pg_database where datname like 'commhub\\_test\\_%'",
  );
  for (const { datname } of rows) {
    const pid = Number(datname.split("_").pop());
    if (Number.isInteger(pid) && isRunning(pid)) continue;
    await admin.query(`drop database if exists ${pg.escapeIdentifier(datname)} with (force)`);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
