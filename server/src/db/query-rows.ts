import type { SQL } from "drizzle-orm";
import type { Db } from "./client";

// node-postgres and PGlite both answer execute() with an object whose `rows` holds the records;
// the common PgDatabase type cannot say so, hence this one cast.
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
