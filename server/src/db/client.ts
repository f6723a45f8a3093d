import { mkdirSync } from "node:fs";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { Logger } from "@server/logger";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import * as schema from "./schema/index";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbKind = "pglite" | "postgres";

export type DbConfig = { kind: "pglite"; dir: string } | { kind: "postgres"; url: string; poolSize?: number };

export type Database = {
  db: Db;
  kind: DbKind;
  /** The connection URL, on PostgreSQL. */
  url?: string;
  /** Runs LISTEN on PostgreSQL; undefined on PGlite, where every instance is in one process. */
  listen?: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
};

export async function createDatabase(config: DbConfig, log?: Logger): Promise<Database> {
  if (config.kind === "pglite") {
    mkdirSync(config.dir, { recursive: true });
    return fromPglite(await openPglite({ dataDir: config.dir }));
  }
  return fromPostgresUrl(config.url, config.poolSize ?? 10, log);
}

/** An embedded PGlite with the extensions the migrations need (pg_trgm for the inbox search). */
export function openPglite(options: PGliteOptions = {}): Promise<PGlite> {
  return PGlite.create({ ...options, extensions: { pg_trgm, ...options.extensions } });
}

// Both drivers produce a PgDatabase over the same schema; the verbs only use that common surface,
// so the widening to the shared HKT is sound.
function asDb(db: unknown): Db {
  return db as Db;
}

export function fromPglite(client: PGlite): Database {
  return {
    db: asDb(drizzlePglite({ client, schema, casing: "snake_case" })),
    kind: "pglite",
    close: () => client.close(),
  };
}

export function fromPostgresUrl(url: string, max: number, log?: Logger): Database {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  // Without a listener, an idle client's error (e.g. the server restarting) crashes the process.
  pool.on("error", (err) => log?.warn({ err: err.message }, "postgres pool client error"));
  // The pool listens for errors on idle clients only. A checked-out client between two statements of a
  // transaction has no listener, and its 'error' (the server restarting, ECONNRESET) would crash the
  // process; its next query fails instead, and the pool discards it on release.
  pool.on("connect", (client) => {
    client.on("error", (err) => log?.warn({ err: err.message }, "postgres connection lost"));
  });
  return {
    db: asDb(drizzleNodePg({ client: pool, schema, casing: "snake_case" })),
    kind: "postgres",
    url,
    listen: (channel, onPayload) => listenOnPostgres(url, channel, onPayload, log),
    close: () => pool.end(),
  };
}

async function listenOnPostgres(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  log?: Logger,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on("notification", (msg) => {
      if (msg.channel === channel && msg.payload !== undefined) onPayload(msg.payload);
    });
    next.on("error", (err) => {
      log?.warn({ err: err.message, channel }, "LISTEN connection lost; reconnecting");
      void next.end().catch(() => {});
      if (!stopped) setTimeout(() => void connect().catch(() => {}), 1_000);
    });
    await next.connect();
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}
