import type { ResponseTimeRow } from "@contract/reports";
import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { type SQL, sql } from "drizzle-orm";
import { refreshReportRollups } from "./refresh-report-rollups";
import { type ReportRange, reportScope } from "./report-scope";

export type ResponseTimesReportResult = {
  from: string;
  to: string;
  propertyId: number | null;
  rows: ResponseTimeRow[];
};

type Stat = {
  scope: "overall" | "agent" | "property";
  key: number | null;
  n: number;
  median: number | null;
  p90: number | null;
};

/**
 * First-response time (the guest's first message → the first reply, for threads the guest started, created in
 * the range) and resolution time (conversation start → resolved, for threads resolved in the range): median and p90 (continuous
 * percentiles) overall, per agent (the thread's assignee) and per property.
 */
export async function getResponseTimesReport(
  ctx: Ctx,
  input: ReportRange,
): Promise<ResponseTimesReportResult> {
  const scope = reportScope(ctx, input);
  await refreshReportRollups(ctx);
  const tz = scope.zone(sql`p`);
  // A conversation starts with its earliest message (imported or late-stored messages can predate the
  // thread row), or when the thread was created if it has none; the rollup keeps each thread's earliest.
  const first = sql`left join report_threads f on f.thread_id = t.id`;
  const firstResponse = await stats(
    ctx,
    sql`select t.assignee_id, t.property_id, extract(epoch from t.first_response_at - f.first_message_at)::float8 as s
          from threads t left join properties p on p.id = t.property_id ${first}
         where ${scope.threads(sql`t`)} and ${scope.inRange(sql`t.created_at`, tz)}
           and f.first_message_inbound and t.first_response_at >= f.first_message_at`,
  );
  const resolution = await stats(
    ctx,
    sql`select t.assignee_id, t.property_id,
               extract(epoch from t.resolved_at - least(t.created_at, coalesce(f.first_message_at, t.created_at)))::float8 as s
          from threads t left join properties p on p.id = t.property_id ${first}
         where ${scope.threads(sql`t`)} and t.status = 'RESOLVED' and t.resolved_at is not null
           and ${scope.inRange(sql`t.resolved_at`, tz)}`,
  );
  const names = await queryRows<{ kind: string; id: number; name: string }>(
    ctx.db,
    sql`select 'agent' as kind, id, name from staff_users where id in (${ids([...firstResponse, ...resolution], "agent")})
        union all
        select 'property', id, name from properties where id in (${ids([...firstResponse, ...resolution], "property")})`,
  );
  const nameOf = (s: { scope: string; key: number | null }) => {
    if (s.scope === "overall") return "All";
    if (s.key === null) return s.scope === "agent" ? "Unassigned" : "No property";
    return names.find((n) => n.kind === s.scope && n.id === s.key)?.name ?? `#${s.key}`;
  };

  const rows = new Map<string, ResponseTimeRow>();
  const row = (s: Stat) => {
    const id = `${s.scope}:${s.key}`;
    let found = rows.get(id);
    if (!found) {
      found = {
        scope: s.scope,
        key: s.key,
        name: nameOf(s),
        firstResponses: 0,
        firstResponseMedianSeconds: null,
        firstResponseP90Seconds: null,
        resolved: 0,
        resolutionMedianSeconds: null,
        resolutionP90Seconds: null,
      };
      rows.set(id, found);
    }
    return found;
  };
  row({ scope: "overall", key: null, n: 0, median: null, p90: null });
  for (const s of firstResponse)
    Object.assign(row(s), {
      firstResponses: s.n,
      firstResponseMedianSeconds: s.median,
      firstResponseP90Seconds: s.p90,
    });
  for (const s of resolution)
    Object.assign(row(s), { resolved: s.n, resolutionMedianSeconds: s.median, resolutionP90Seconds: s.p90 });
  const order = { overall: 0, agent: 1, property: 2 };
  const sorted = [...rows.values()].sort(
    (a, b) => order[a.scope] - order[b.scope] || a.name.localeCompare(b.name) || (a.key ?? 0) - (b.key ?? 0),
  );
  return { from: scope.from, to: scope.to, propertyId: scope.propertyId, rows: sorted };
}

/** Median and p90 of `s` over the whole set, per assignee and per property (one pass: grouping sets). */
async function stats(ctx: Ctx, durations: SQL): Promise<Stat[]> {
  const rows = await queryRows<{
    g_agent: number;
    g_property: number;
    assignee_id: number | null;
    property_id: number | null;
    n: number;
    median: number | null;
    p90: number | null;
  }>(
    ctx.db,
    sql`select grouping(assignee_id) as g_agent, grouping(property_id) as g_property, assignee_id, property_id,
               count(*)::int as n,
               round(percentile_cont(0.5) within group (order by s)::numeric, 1)::float8 as median,
               round(percentile_cont(0.9) within group (order by s)::numeric, 1)::float8 as p90
          from (${durations}) d
         group by grouping sets ((), (assignee_id), (property_id))`,
  );
  return rows
    .filter((r) => r.n > 0)
    .map((r) => ({
      scope: r.g_agent === 1 && r.g_property === 1 ? "overall" : r.g_agent === 0 ? "agent" : "property",
      key: r.g_agent === 0 ? r.assignee_id : r.g_property === 0 ? r.property_id : null,
      n: r.n,
      median: r.median,
      p90: r.p90,
    }));
}

function ids(stats: Stat[], scope: "agent" | "property"): SQL {
  const found = [
    ...new Set(stats.filter((s) => s.scope === scope && s.key !== null).map((s) => s.key as number)),
  ];
  return found.length
    ? sql.join(
        found.map((id) => sql`${id}`),
        sql`, `,
      )
    : sql`null`;
}
