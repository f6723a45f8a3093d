import { mkdirSync } from "node:fs";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { Logger } from "@server/logger";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzleNodePg, NodePgSession } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgDialect, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import * as schema from "./schema/index";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
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
  const db = drizzleNodePg({ client: pool, schema, casing: "snake_case" });
  returnConnectionsAfterEveryTransaction(db._.session, pool);
  return {
    db: asDb(db),
    kind: "postgres",
    url,
    listen: (channel, onPayload) => listenOnPostgres(url, channel, onPayload, log),
    close: () => pool.end(),
  };
}

// What NodePgSession keeps privately and a session on one connection is built from.
type SessionArgs = ConstructorParameters<typeof NodePgSession<Schema, ExtractTablesWithRelations<Schema>>>;
type NodePgSessionParts = {
  dialect: PgDialect;
  schema: SessionArgs[2];
  options: SessionArgs[3];
  transaction: NodePgSession<Schema, ExtractTablesWithRelations<Schema>>["transaction"];
};

/**
 * drizzle-orm (0.45) checks a connection out of the pool and sends BEGIN before the try whose finally
 * releases it: when BEGIN fails (the database restarting between checkout and BEGIN), the connection is
 * never given back. Each such failure takes a pool slot for good, and `pool.end()` at shutdown waits for
 * it forever. Here every transaction checks out its own connection and always releases it; pg-pool drops
 * a connection that is no longer usable instead of reusing it.
 */
function returnConnectionsAfterEveryTransaction(session: unknown, pool: pg.Pool): void {
  const parts = session as NodePgSessionParts;
  parts.transaction = async (transaction, config) => {
    const connection = await pool.connect();
    try {
      const onOneConnection = new NodePgSession<Schema, ExtractTablesWithRelations<Schema>>(
        connection,
        parts.dialect,
        parts.schema,
        parts.options,
      );
      return await onOneConnection.transaction(transaction, config);
    } finally {
      connection.release();
    }
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
  let retry: NodeJS.Timeout | undefined;
  // Keeps trying (every second) for as long as the database is away: a LISTEN that gave up after one
  // failed attempt would silently stop relaying other instances' events and access changes.
  const reconnectSoon = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((err: Error) => {
        log?.warn({ err: err.message, channel }, "LISTEN reconnect failed; trying again");
        reconnectSoon();
      });
    }, 1_000);
  };
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    let lost = false;
    const onLost = (err: Error) => {
      if (lost) return;
      lost = true;
      if (client === next) client = undefined;
      void next.end().catch(() => {});
      if (!stopped) log?.warn({ err: err.message, channel }, "LISTEN connection lost; reconnecting");
      reconnectSoon();
    };
    next.on("notification", (msg) => {
      if (msg.channel === channel && msg.payload !== undefined) onPayload(msg.payload);
    });
    next.on("error", onLost);
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      lost = true;
      void next.end().catch(() => {});
      throw err;
    }
    if (stopped) return void (await next.end().catch(() => {}));
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
