import { DEFAULT_TIME_ZONE } from "@contract/threads";
import type { Ctx } from "@server/context";
import { allowedPropertyIds, assertPropertyAccess, requireRole } from "@server/domain/access/property-scope";
import { type SQL, sql } from "drizzle-orm";

export type ReportRange = {
  /** First local date included, YYYY-MM-DD. */
  from: string;
  /** Last local date included, YYYY-MM-DD. */
  to: string;
  propertyId?: number;
};

export type ReportScope = {
  from: string;
  to: string;
  propertyId: number | null;
  /** Restricts a threads alias to the properties the report may read. */
  threads: (alias: SQL) => SQL;
  /** The local time (timestamp without zone) of `column` in the zone `tz` (an expression). */
  local: (column: SQL, tz: SQL) => SQL;
  /** `column` (timestamptz) falls in [from, to] read as local dates in the zone `tz`. */
  inRange: (column: SQL, tz: SQL) => SQL;
  /** The zone of the properties alias `p` (joined on the thread), the default zone without one. */
  zone: (alias: SQL) => SQL;
  /** A rollup alias's local `hour` falls in [from, to] (rollup hours are already local to each property). */
  hourInRange: (alias: SQL) => SQL;
};

/**
 * Who may read reports and over what: managers their properties, admins all (agents get FORBIDDEN; a
 * property the actor does not belong to is NOT_FOUND, as everywhere). Dates are local to each property.
 */
export function reportScope(ctx: Ctx, range: ReportRange): ReportScope {
  requireRole(ctx, "ADMIN", "MANAGER");
  if (range.propertyId !== undefined)
    assertPropertyAccess(ctx, range.propertyId, "property", range.propertyId);
  const allowed = allowedPropertyIds(ctx.actor);
  const threadsCondition = (alias: SQL): SQL => {
    if (range.propertyId !== undefined) return sql`${alias}.property_id = ${range.propertyId}`;
    if (allowed === "all") return sql`true`;
    if (allowed.length === 0) return sql`false`;
    return sql`${alias}.property_id in (${sql.join(
      allowed.map((id) => sql`${id}`),
      sql`, `,
    )})`;
  };
  const start = sql`${range.from}::date`;
  const end = sql`(${range.to}::date + 1)`;
  return {
    from: range.from,
    to: range.to,
    propertyId: range.propertyId ?? null,
    threads: threadsCondition,
    local: (column, tz) => sql`(${column} at time zone ${tz})`,
    // The first two bounds are in UTC and a day wider than any zone's offset: they let an index on the
    // column narrow the scan before the exact local comparison.
    inRange: (column, tz) =>
      sql`${column} >= ${start}::timestamptz - interval '1 day' and ${column} < ${end}::timestamptz + interval '1 day'
        and (${column} at time zone ${tz}) >= ${start}::timestamp and (${column} at time zone ${tz}) < ${end}::timestamp`,
    zone: (alias) => sql`coalesce(${alias}.timezone, ${DEFAULT_TIME_ZONE})`,
    hourInRange: (alias) => sql`${alias}.hour >= ${start}::timestamp and ${alias}.hour < ${end}::timestamp`,
  };
}
