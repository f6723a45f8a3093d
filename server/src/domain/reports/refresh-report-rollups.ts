import { DEFAULT_TIME_ZONE } from "@contract/threads";
import type { Ctx } from "@server/context";
import { lockAdvisory } from "@server/db/advisory-lock";
import { queryRows } from "@server/db/query-rows";
import { withTransaction } from "@server/db/transaction";
import { type SQL, sql } from "drizzle-orm";
import {
  countedResolvedAt,
  foldThreadHours,
  rebuildThreadHours,
  threadChanged,
} from "./refresh-thread-hours";

export const REFRESH_REPORT_ROLLUPS_QUEUE = "refresh-report-rollups";

/**
 * A change stamped this long before the previous refresh began is still looked at again: it covers a
 * transaction that stamped `updated_at` and committed after that refresh read the table, and clock skew
 * between app servers and the database. Re-folding a change is harmless (hours are recomputed, not added to).
 */
export const REFRESH_MARGIN_MS = 60_000;

export type RefreshResult = {
  /** True when there was no rollup yet (or `rebuild` was asked) and everything was computed afresh. */
  rebuilt: boolean;
  /** Property × local hour buckets recomputed. */
  dirtyHours: number;
  /** Threads recorded again in report_threads (moved, re-zoned, resolved or reopened, or a message changed). */
  dirtyThreads: number;
};

const zoneOf = (properties: SQL) => sql`coalesce(${properties}.timezone, ${DEFAULT_TIME_ZONE})`;

/**
 * Folds every change since the last refresh into the report rollups (ADR 0008), so that they equal what a
 * scan of message_logs would count right now. A bucket (property × local hour) is recomputed from
 * message_logs when a message in it was inserted or changed (status, thread) since the previous refresh
 * (`updated_at`), or when a thread with messages in it moved to another property or its property changed
 * zone (each thread's property and zone as last rolled up are kept in report_threads). Opened/resolved
 * counts move by deltas (refresh-thread-hours.ts). Idempotent and serialised by an advisory lock: the
 * recurring job and report requests both call it.
 */
export async function refreshReportRollups(
  ctx: Ctx,
  options: { rebuild?: boolean; fewHours?: number; fullCheck?: boolean } = {},
): Promise<RefreshResult> {
  return withTransaction(ctx, async (tx) => {
    await lockAdvisory(tx, "report-rollups", 0);
    const [state] = await queryRows<{ since: string }>(
      tx.db,
      sql`select (refreshed_at - ${REFRESH_MARGIN_MS} * interval '1 millisecond')::text as since
            from report_rollup_state where id = 1`,
    );
    const fullCheck = options.fullCheck ?? false;
    // Nothing stamped since and no zone changed: a report request writes nothing (the job still advances
    // the state and makes its full check).
    if (state && !options.rebuild && !fullCheck && !(await anythingSince(tx, state.since)))
      return { rebuilt: false, dirtyHours: 0, dirtyThreads: 0 };
    const result =
      !state || options.rebuild
        ? await rebuildAll(tx)
        : await foldChangesSince(tx, state.since, options.fewHours ?? FEW_HOURS, fullCheck);
    await tx.db.execute(
      sql`insert into report_rollup_state (id, refreshed_at, last_dirty_hours) values (1, now(), ${result.dirtyHours})
          on conflict (id) do update set refreshed_at = excluded.refreshed_at, last_dirty_hours = excluded.last_dirty_hours`,
    );
    return result;
  });
}

async function anythingSince(tx: Ctx, since: string): Promise<boolean> {
  const [probe] = await queryRows<{ changed: boolean }>(
    tx.db,
    sql`select exists (select 1 from message_logs where updated_at >= ${since}::timestamptz)
            or exists (select 1 from threads where updated_at >= ${since}::timestamptz)
            or exists (${rezonedProperties(zoneOf(sql`p`))}) as changed`,
  );
  return probe?.changed ?? true;
}

/** Properties (alias p) some of whose threads were rolled up in another zone: two index probes each. */
function rezonedProperties(zone: SQL): SQL {
  return sql`select p.id from properties p,
      lateral (select min(s.timezone) as lo, max(s.timezone) as hi from report_threads s where s.property_id = p.id) z
    where z.lo <> ${zone} or z.hi <> ${zone}`;
}

/** Every message with its thread and the thread's property: `from … where …` with aliases m, t, p. */
const ALL_MESSAGES = sql`from message_logs m join threads t on t.id = m.thread_id
  left join properties p on p.id = t.property_id where true`;

/** The messages of each property × local hour, over the messages `source` selects. */
function messageHours(source: SQL): SQL {
  return sql`select t.property_id, date_trunc('hour', m.created_at at time zone ${zoneOf(sql`p`)}) as hour,
                    m.channel, m.direction, m.status, count(*)::int
               ${source}
              group by 1, 2, 3, 4, 5`;
}

function errorHours(source: SQL): SQL {
  return sql`select t.property_id, date_trunc('hour', m.created_at at time zone ${zoneOf(sql`p`)}) as hour, m.channel,
                    coalesce(m.provider_error_code, m.error_code, 'UNKNOWN'), max(m.error_code),
                    max(left(m.provider_error_text, 200)), count(*)::int
               ${source} and m.direction = 'OUTBOUND' and m.status = 'FAILED'
              group by 1, 2, 3, 4`;
}

/** Each listed thread's property, zone, creation, resolution and earliest message, as now counted. */
function snapshotThreads(which: SQL): SQL {
  return sql`insert into report_threads (thread_id, property_id, timezone, created_at, resolved_at, first_message_at,
                                         first_message_inbound)
             select t.id, t.property_id, ${zoneOf(sql`p`)}, t.created_at, ${countedResolvedAt(sql`t`)}, f.created_at,
                    f.direction = 'INBOUND'
               from threads t left join properties p on p.id = t.property_id
               left join lateral (select m.direction, m.created_at from message_logs m where m.thread_id = t.id
                                   order by m.created_at, m.id limit 1) f on true
              where ${which}
             on conflict (thread_id) do update set property_id = excluded.property_id, timezone = excluded.timezone,
               created_at = excluded.created_at, resolved_at = excluded.resolved_at, first_message_at = excluded.first_message_at, first_message_inbound = excluded.first_message_inbound`;
}

/**
 * Up to this many dirty hours, each is read back through the created_at index (a few hours of messages
 * each); beyond, one scan of the messages between the first and the last dirty hour is cheaper.
 */
const FEW_HOURS = 48;

/**
 * The messages of the dirty hours, hour by hour through the created_at index: the UTC window is an hour
 * wider on each side than the local hour (for an hour a DST change repeats or skips), the exact local
 * hour is checked after. `p` is the dirty hour's property, hence also the thread's. (`offset 0` keeps the
 * planner from flattening the lateral into one scan of every message.)
 */
function eachDirtyHour(): SQL {
  const zone = zoneOf(sql`p`);
  return sql`from report_dirty_hours d left join properties p on p.id = d.property_id
      cross join lateral (select * from message_logs m
        where m.created_at >= (d.hour at time zone ${zone}) - interval '1 hour'
          and m.created_at < ((d.hour + interval '1 hour') at time zone ${zone}) + interval '1 hour'
        offset 0) m
      join threads t on t.id = m.thread_id and t.property_id is not distinct from d.property_id
     where date_trunc('hour', m.created_at at time zone ${zone}) = d.hour`;
}

/** The same set by one range scan from the earliest dirty hour to the latest (zones: ±14 h). */
function dirtyHoursByScan(): SQL {
  return sql`${ALL_MESSAGES}
    and m.created_at >= (select min(hour) from report_dirty_hours) at time zone 'UTC' - interval '15 hours'
    and m.created_at < (select max(hour) from report_dirty_hours) at time zone 'UTC' + interval '16 hours'
    and exists (select 1 from report_dirty_hours d
      where d.property_id is not distinct from t.property_id
        and d.hour = date_trunc('hour', m.created_at at time zone ${zoneOf(sql`p`)}))`;
}

async function rebuildAll(tx: Ctx): Promise<RefreshResult> {
  await tx.db.execute(
    sql`truncate report_message_hours, report_error_hours, report_threads, report_thread_hours`,
  );
  await tx.db.execute(
    sql`insert into report_message_hours (property_id, hour, channel, direction, status, messages) ${messageHours(ALL_MESSAGES)}`,
  );
  await tx.db.execute(
    sql`insert into report_error_hours (property_id, hour, channel, provider_error_code, error_code, sample_text, messages)
        ${errorHours(ALL_MESSAGES)}`,
  );
  await tx.db.execute(snapshotThreads(sql`true`));
  await rebuildThreadHours(tx);
  await tx.db.execute(
    sql`analyze report_message_hours, report_error_hours, report_threads, report_thread_hours`,
  );
  const [counts] = await queryRows<{ hours: number; threads: number }>(
    tx.db,
    sql`select (select count(*) from (select distinct property_id, hour from report_message_hours) h)::int as hours,
               (select count(*) from report_threads)::int as threads`,
  );
  return { rebuilt: true, dirtyHours: counts?.hours ?? 0, dirtyThreads: counts?.threads ?? 0 };
}

async function foldChangesSince(
  tx: Ctx,
  since: string,
  fewHours: number,
  fullCheck: boolean,
): Promise<RefreshResult> {
  // Threads whose property or zone is not what the rollups assumed (moved, re-zoned, new): all their
  // messages' hours, before and after. Threads with a message changed since: that message's hours.
  // A request looks only at threads stamped since (Drizzle's update stamps updated_at) and at properties
  // whose zone changed; the recurring job compares every thread (`fullCheck`), whatever stamped it.
  const zone = zoneOf(sql`p`);
  const candidates = fullCheck
    ? sql`select t.id, t.property_id from threads t`
    : sql`select t.id, t.property_id from threads t where t.updated_at >= ${since}::timestamptz
          union
          select s.thread_id, s.property_id from report_threads s where s.property_id in (${rezonedProperties(zone)})`;
  await tx.db.execute(sql`create temp table report_touched_threads on commit drop as
    select c.id as thread_id,
           s.thread_id is null or s.property_id is distinct from t.property_id or s.timezone <> ${zone} as moved
      from (${candidates}) c join threads t on t.id = c.id left join properties p on p.id = t.property_id
      left join report_threads s on s.thread_id = t.id
     where ${threadChanged(zone)}`);
  await tx.db.execute(sql`analyze report_touched_threads`);
  await tx.db.execute(sql`create temp table report_moved_threads on commit drop as
    select thread_id from report_touched_threads where moved`);
  await tx.db.execute(sql`create temp table report_changed_messages on commit drop as
    select m.id, m.thread_id, m.created_at from message_logs m
     where m.updated_at >= ${since}::timestamptz and m.thread_id is not null
    union
    select m.id, m.thread_id, m.created_at from report_moved_threads d join message_logs m on m.thread_id = d.thread_id`);
  await tx.db.execute(sql`analyze report_changed_messages`);
  await tx.db.execute(sql`create temp table report_dirty_hours on commit drop as
    select s.property_id, date_trunc('hour', c.created_at at time zone s.timezone) as hour
      from report_changed_messages c join report_threads s on s.thread_id = c.thread_id
    union
    select t.property_id, date_trunc('hour', c.created_at at time zone ${zoneOf(sql`p`)})
      from report_changed_messages c join threads t on t.id = c.thread_id left join properties p on p.id = t.property_id`);

  await tx.db.execute(sql`analyze report_dirty_hours`);
  const [dirty] = await queryRows<{ hours: number }>(
    tx.db,
    sql`select count(*)::int as hours from report_dirty_hours`,
  );
  const dirtyHours = dirty?.hours ?? 0;
  await tx.db.execute(sql`delete from report_message_hours r using report_dirty_hours d
    where r.property_id is not distinct from d.property_id and r.hour = d.hour`);
  await tx.db.execute(sql`delete from report_error_hours r using report_dirty_hours d
    where r.property_id is not distinct from d.property_id and r.hour = d.hour`);
  if (dirtyHours > 0) {
    const inDirty = dirtyHours <= fewHours ? eachDirtyHour() : dirtyHoursByScan();
    await tx.db.execute(
      sql`insert into report_message_hours (property_id, hour, channel, direction, status, messages) ${messageHours(inDirty)}`,
    );
    await tx.db.execute(
      sql`insert into report_error_hours (property_id, hour, channel, provider_error_code, error_code, sample_text, messages)
          ${errorHours(inDirty)}`,
    );
  }

  await foldThreadHours(tx, zone, fullCheck);
  if (fullCheck)
    await tx.db.execute(
      sql`delete from report_threads s where not exists (select 1 from threads t where t.id = s.thread_id)`,
    );
  await tx.db.execute(
    snapshotThreads(
      sql`t.id = any(array(select thread_id from report_touched_threads union select thread_id from report_changed_messages))`,
    ),
  );
  const [counts] = await queryRows<{ threads: number }>(
    tx.db,
    sql`select count(*)::int as threads from
          (select thread_id from report_touched_threads union select thread_id from report_changed_messages) d`,
  );
  return { rebuilt: false, dirtyHours, dirtyThreads: counts?.threads ?? 0 };
}
