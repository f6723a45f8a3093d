import type { Ctx } from "@server/context";
import { type SQL, sql } from "drizzle-orm";

// Conversations opened and resolved per property × local hour (report_thread_hours), kept by deltas:
// report_threads holds exactly what was counted for each thread, so a thread that changed is taken out
// where it was counted (-1) and put in where it now belongs (+1). See refresh-report-rollups.ts.

/** A thread's resolution as the overview counts it: only while the thread is RESOLVED. */
export const countedResolvedAt = (threads: SQL) =>
  sql`case when ${threads}.status = 'RESOLVED' then ${threads}.resolved_at end`;

/** The thread (alias t, property p in zone `zone`) differs from what report_threads (alias s) recorded. */
export function threadChanged(zone: SQL): SQL {
  return sql`(s.thread_id is null or s.property_id is distinct from t.property_id or s.timezone <> ${zone}
    or s.created_at <> t.created_at or s.resolved_at is distinct from ${countedResolvedAt(sql`t`)})`;
}

export async function rebuildThreadHours(tx: Ctx): Promise<void> {
  await tx.db.execute(sql`truncate report_thread_hours`);
  await tx.db.execute(sql`insert into report_thread_hours (property_id, hour, opened, resolved)
    select property_id, hour, sum(opened)::int, sum(resolved)::int from (${counted(sql`true`, 1)}) x group by 1, 2`);
}

/**
 * Applies the threads in report_touched_threads (and, with `deleted`, threads report_threads knows that
 * no longer exist): call before report_threads is brought up to date.
 */
export async function foldThreadHours(tx: Ctx, zone: SQL, deleted: boolean): Promise<void> {
  const gone = deleted
    ? sql`union select s2.thread_id from report_threads s2 where not exists (select 1 from threads t2 where t2.id = s2.thread_id)`
    : sql``;
  await tx.db.execute(sql`create temp table report_thread_deltas on commit drop as
    ${counted(sql`s.thread_id in (select thread_id from report_touched_threads ${gone})`, -1)}
    union all
    select t.property_id, date_trunc('hour', t.created_at at time zone ${zone}), 1, 0
      from report_touched_threads d join threads t on t.id = d.thread_id left join properties p on p.id = t.property_id
    union all
    select t.property_id, date_trunc('hour', t.resolved_at at time zone ${zone}), 0, 1
      from report_touched_threads d join threads t on t.id = d.thread_id left join properties p on p.id = t.property_id
     where t.status = 'RESOLVED' and t.resolved_at is not null`);
  await tx.db.execute(sql`with old as (
      delete from report_thread_hours r using (select distinct property_id, hour from report_thread_deltas) k
       where r.property_id is not distinct from k.property_id and r.hour = k.hour
      returning r.property_id, r.hour, r.opened, r.resolved)
    insert into report_thread_hours (property_id, hour, opened, resolved)
    select property_id, hour, sum(opened)::int, sum(resolved)::int
      from (select * from old union all select property_id, hour, opened, resolved from report_thread_deltas) x
     group by 1, 2 having sum(opened) <> 0 or sum(resolved) <> 0`);
}

/** What report_threads (alias s) rows matching `which` count, times `sign`: opened, then resolved. */
function counted(which: SQL, sign: number): SQL {
  return sql`select s.property_id, date_trunc('hour', s.created_at at time zone s.timezone) as hour,
                    ${sign}::int as opened, 0 as resolved
               from report_threads s where ${which}
             union all
             select s.property_id, date_trunc('hour', s.resolved_at at time zone s.timezone), 0, ${sign}::int
               from report_threads s where ${which} and s.resolved_at is not null`;
}
