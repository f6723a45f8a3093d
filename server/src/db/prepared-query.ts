import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./client";

// Drizzle builds a statement's SQL text on every call, and for a whole-row select of a wide table that
// costs 60–140 µs of CPU (bench: a message_logs select by id, 101 µs), more than running it. The hub's
// hottest statements (a send's three reads of its message, an inbound message's lookups) are therefore
// built once per database connection and run as named prepared statements, which also spares
// PostgreSQL parsing and planning them again.
const preparedByClient = new WeakMap<object, Map<string, unknown>>();

/**
 * The statement `prepare` builds, prepared once per connection `db` runs on (the pool, or a
 * transaction's connection) under `name`, which must name one SQL text. Parameters are drizzle
 * placeholders: `eq(table.id, sql.placeholder("id"))`, then `.execute({ id })`.
 */
export function preparedQuery<T>(db: Db, name: string, prepare: (db: Db, name: string) => T): T {
  const client = (db as unknown as { session?: { client?: object } }).session?.client;
  if (!client) return prepare(db, name);
  let prepared = preparedByClient.get(client);
  if (!prepared) {
    prepared = new Map();
    preparedByClient.set(client, prepared);
  }
  let query = prepared.get(name) as T | undefined;
  if (query === undefined) {
    query = prepare(db, name);
    prepared.set(name, query);
  }
  return query;
}

/**
 * A value given when a prepared statement runs, where the builder wants SQL rather than a bare
 * placeholder (an update's `set`). It reaches the driver as given, past the column's encoder: pass
 * dates as ISO strings.
 */
export const preparedValue = (name: string) => sql`${sql.placeholder(name)}`;

const dialect = new PgDialect();

/**
 * A fixed SQL text, parameters given as `sql.placeholder(…)`, as a named prepared statement on each
 * connection: for statements the query builder cannot express. Resolves to the result's rows.
 */
export async function preparedRows<T>(
  db: Db,
  name: string,
  text: () => SQL,
  values: Record<string, unknown>,
): Promise<T[]> {
  const statement = preparedQuery(db, name, (db, name) =>
    db._.session.prepareQuery(dialect.sqlToQuery(text()), undefined, name, false),
  );
  const result = (await statement.execute(values)) as { rows: T[] };
  return result.rows;
}
