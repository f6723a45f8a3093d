import type pg from "pg";

/**
 * One satisfaction survey per resolved thread (sent 30 minutes after resolving; two in five answered,
 * ratings spread 1–5), for the CSAT report. Idempotent, so a database seeded before CSAT existed gets them.
 */
export async function csatData(db: pg.Client): Promise<void> {
  await db.query(`insert into csat_surveys
      (thread_id, property_id, contact_id, resolved_at, status, channel, kind, sent_at, rating, rated_at)
    select id, property_id, contact_id, resolved_at,
           case when id % 5 < 2 then 'ANSWERED' else 'SENT' end, 'WHATSAPP', 'interactive',
           resolved_at + interval '30 minutes',
           case when id % 5 < 2 then (id % 7) % 5 + 1 end,
           case when id % 5 < 2 then resolved_at + interval '40 minutes' end
      from threads
     where status = 'RESOLVED' and resolved_at is not null
       and not exists (select 1 from csat_surveys limit 1)`);
}
