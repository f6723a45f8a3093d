// Benchmark 2b: processing capacity. The processing-lag benchmark says whether a rate is kept up with;
// this one says what one event costs, in figures that move less with the machine's speed than a lag does.
// Callbacks are first acknowledged by a `--role=web` server (nothing processes them), then a
// `--role=worker` server drains the backlog alone: events per second, and CPU milliseconds per event in
// the worker and in PostgreSQL (all its processes). Once for inbound texts from 2,000 guests, once for
// delivered/read statuses of seeded outbound messages.
// `npx tsx bench/processing-capacity.ts [events per kind]`; scratch database commhub_bench.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import autocannon from "autocannon";
import pg from "pg";
import { inboundText, outboundStatus, seedOutboundMessages, unprocessedSince } from "./lib/callbacks";
import {
  createScratchDatabase,
  dropScratchDatabase,
  fmt,
  load,
  record,
  roundTripMicros,
  startServer,
  until,
} from "./lib/harness";

const EVENTS = Number(process.argv[2] ?? 10_000);
const DB = "commhub_bench";
const GUESTS = 2_000;
const secret = randomBytes(24).toString("hex");

const inbound = (n: number) => inboundText(n, GUESTS);
const status = (n: number) => outboundStatus(n % EVENTS, "delivered");

/** CPU seconds used so far by every PostgreSQL process (the server is on this machine). */
function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (!stat.includes("(postgres)")) continue;
      const fields = stat.split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100;
}

type Phase = { kind: string; events: number; seconds: number; serverMs: number; postgresMs: number };

async function phase(
  dbUrl: string,
  db: pg.Client,
  kind: string,
  body: (n: number) => string,
): Promise<Phase> {
  const web = await startServer({ DATABASE_URL: dbUrl, GUPSHUP_WEBHOOK_SECRET: secret }, ["--role=web"]);
  const [{ id: startId }] = (await db.query("select coalesce(max(id), 0)::int as id from webhook_events"))
    .rows;
  let seq = 0;
  try {
    const ac = await autocannon({
      url: `${web.url}/webhooks/gupshup?token=${secret}`,
      connections: 20,
      amount: EVENTS,
      requests: [
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          setupRequest: (req) => ({ ...req, body: body(seq++) }),
        },
      ],
    });
    if (ac["2xx"] !== EVENTS) throw new Error(`${kind}: ${ac["2xx"]} of ${EVENTS} callbacks acknowledged`);
  } finally {
    await web.stop();
  }
  const worker = await startServer({ DATABASE_URL: dbUrl, GUPSHUP_WEBHOOK_SECRET: secret }, [
    "--role=worker",
  ]);
  try {
    const serverBefore = worker.cpuSeconds();
    const postgresBefore = postgresCpuSeconds();
    const remaining = () => unprocessedSince(db, startId);
    const left = await until(remaining, (n) => n === 0, 600_000);
    if (left !== 0) throw new Error(`${kind}: ${left} events still unprocessed after 10 minutes`);
    const serverMs = (worker.cpuSeconds() - serverBefore) * 1000;
    const postgresMs = (postgresCpuSeconds() - postgresBefore) * 1000;
    const row = (
      await db.query(
        `select count(*)::int as n, count(*) filter (where status not in ('PROCESSED', 'IGNORED'))::int as bad,
                extract(epoch from max(processed_at) - min(processed_at)) as seconds
           from webhook_events where id > $1`,
        [startId],
      )
    ).rows[0];
    if (row.bad !== 0) throw new Error(`${kind}: ${row.bad} events not processed`);
    return { kind, events: row.n, seconds: Number(row.seconds), serverMs, postgresMs };
  } finally {
    await worker.stop();
  }
}

const dbUrl = await createScratchDatabase(DB);
// Migrations run by a first server start; the outbound messages the statuses are for are seeded after.
await (await startServer({ DATABASE_URL: dbUrl, GUPSHUP_WEBHOOK_SECRET: secret }, ["--role=web"])).stop();
const db = new pg.Client({ connectionString: dbUrl });
await db.connect();
try {
  await seedOutboundMessages(db, EVENTS);
  const loadBefore = load();
  const yardstick = await roundTripMicros();
  const phases = [
    await phase(dbUrl, db, "inbound texts", inbound),
    await phase(dbUrl, db, "statuses", status),
  ];
  record(
    `Benchmark 2b: processing capacity, ${EVENTS.toLocaleString("en")} events of each kind`,
    "npx tsx bench/processing-capacity.ts",
    [
      `A \`--role=web\` server acknowledges the callbacks (nothing processes them), then a \`--role=worker\``,
      "server drains the backlog alone. CPU per event: the worker process, and every PostgreSQL process",
      `(same machine). Inbound texts come from ${GUESTS.toLocaleString("en")} guests; statuses are "delivered" for seeded messages.`,
      `Load average before: ${loadBefore}; after: ${load()}. Machine speed: one prepared round trip to PostgreSQL`,
      `took ${fmt(yardstick)} µs before the run (harness roundTripMicros).`,
      "",
      "| events | drained in | events /s | worker CPU ms / event | PostgreSQL CPU ms / event |",
      "|---|---|---|---|---|",
      ...phases.map(
        (p) =>
          `| ${p.events.toLocaleString("en")} ${p.kind} | ${fmt(p.seconds)} s | ${fmt(p.events / p.seconds, 0)} | ${fmt(p.serverMs / p.events, 2)} | ${fmt(p.postgresMs / p.events, 2)} |`,
      ),
    ],
  );
} finally {
  await db.end();
  await dropScratchDatabase(DB);
}
