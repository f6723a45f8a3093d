import type pg from "pg";

/**
 * Running SLA targets on the open threads (due from two hours ago to a day ahead; a quarter breached)
 * and one outcome per resolved thread, for the "breaching soon" sort and the SLA attainment report.
 * Idempotent, so a database seeded before SLA targets existed gets them.
 */
export async function slaData(db: pg.Client): Promise<void> {
  await db.query(`update threads
      set sla_first_response_due_at = last_message_at + interval '30 minutes',
          sla_resolution_due_at = now() - interval '2 hours' + (id % 1560) * interval '1 minute',
          sla_resolution_breached_at = case when id % 4 = 0 then now() - interval '2 hours' end,
          sla_due_at = least(last_message_at + interval '30 minutes', now() - interval '2 hours' + (id % 1560) * interval '1 minute')
    where status <> 'RESOLVED' and sla_due_at is null`);
  await db.query(`insert into sla_outcomes (thread_id, property_id, kind, outcome, due_at, at)
    select id, property_id, 'RESOLUTION', case when id % 5 = 0 then 'BREACHED' else 'MET' end, resolved_at, resolved_at
      from threads
     where status = 'RESOLVED' and resolved_at is not null
       and not exists (select 1 from sla_outcomes limit 1)`);
}
