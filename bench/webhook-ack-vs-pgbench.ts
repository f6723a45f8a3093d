// Benchmark 1: webhook acknowledgement at 50 concurrent connections, beside pgbench in the same run at the
// same concurrency doing (a) the webhook_events row insert alone (no job, no NOTIFY: the database's own
// one-row ceiling) and (b) the old inbox transaction (row + job + NOTIFY, one callback per transaction).
// Targets: ack throughput / one-row pgbench tps ≥ 0.8, p99 < 50 ms.
// The load comes from wrk (C, like pgbench's own client: on these 2 cores the load generator's CPU is taken
// from the server and PostgreSQL), then from autocannon (Node, as in earlier rounds).
// `npx tsx bench/webhook-ack-vs-pgbench.ts [seconds]` — needs a PostgreSQL server (DATABASE_URL or the
// local default) and wrk (`apt-get install -y wrk`); works in the scratch database commhub_bench.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { projectPath } from "@server/project-path";
import autocannon from "autocannon";
import pg from "pg";
import { createScratchDatabase, dropScratchDatabase, fmt, load, record, startServer } from "./lib/harness";

const SECONDS = Number(process.argv[2] ?? 20);
const CONNECTIONS = 50;
const DB = "commhub_bench";
const secret = randomBytes(24).toString("hex");

function statusCallback(id: string): string {
  return JSON.stringify({
    app: "BenchApp",
    timestamp: Date.now(),
    version: 2,
    type: "message-event",
    payload: {
      id,
      gsId: `gs-${id}`,
      type: "delivered",
      destination: "919812345678",
      payload: { ts: String(Math.floor(Date.now() / 1000)) },
    },
  });
}

type LoadResult = { ok: number; rate: number; p50: number; p99: number; errors: number };

/** wrk with bench/lib/status-callbacks.lua: 2 threads (pgbench runs with -j 2), CONNECTIONS connections. */
function runWrk(url: string, seconds: number): LoadResult {
  const out = execFileSync(
    "wrk",
    [
      "-t2",
      `-c${CONNECTIONS}`,
      `-d${seconds}s`,
      "--latency",
      "-s",
      projectPath("bench/lib/status-callbacks.lua"),
      url,
    ],
    { encoding: "utf8" },
  );
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? Number.NaN);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/
    .exec(out)
    ?.slice(1)
    .reduce((sum, n) => sum + Number(n), 0);
  const ms = (label: string) => {
    const [, value, unit] = new RegExp(`^\\s+${label}%\\s+([\\d.]+)(us|ms|s)$`, "m").exec(out) ?? [];
    return Number(value) * (unit === "us" ? 0.001 : unit === "s" ? 1000 : 1);
  };
  const ok = requests - non2xx;
  return { ok, rate: ok / seconds, p50: ms("50"), p99: ms("99"), errors: non2xx + (socketErrors ?? 0) };
}

async function runAutocannon(url: string, seconds: number, tag: string): Promise<LoadResult> {
  let seq = 0;
  const ac = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (req) => ({ ...req, body: statusCallback(`wamid.${tag}-${++seq}`) }),
      },
    ],
  });
  return {
    ok: ac["2xx"],
    rate: ac["2xx"] / seconds,
    p50: ac.latency.p50,
    p99: ac.latency.p99,
    errors: ac.errors + ac.timeouts + ac.non2xx,
  };
}

const ROW_INSERT = `INSERT INTO webhook_events (provider, dedupe_key, kind, status, raw_body, body_encoding, content_type, method, query, headers, source_ip, received_at)
  VALUES ('gupshup', 'status:delivered:wamid.pgb-' || :client_id || '-' || :n, 'status', 'RECEIVED', '${statusCallback("wamid.pgbench-0000000000").replaceAll("'", "''")}', 'utf8', 'application/json', 'POST', NULL, '{"content-type":"application/json"}', '127.0.0.1', now())
  ON CONFLICT (provider, dedupe_key) DO NOTHING RETURNING id`;

// The database's one-row ceiling: the webhook row alone, one per (autocommit) transaction.
const PGBENCH_ROW_SCRIPT = `\\set n random(1, 1000000000000)
${ROW_INSERT};
`;

// The per-callback transaction the ack ran before group commit: row + job + NOTIFY in one transaction.
const PGBENCH_SCRIPT = `\\set n random(1, 1000000000000)
BEGIN;
${ROW_INSERT} \\gset
INSERT INTO jobs (queue, payload, run_at, priority, max_attempts, singleton_key)
  VALUES ('process-webhook-event', jsonb_build_object('webhookEventId', :id), now(), 0, 8, 'webhook-event:' || :id)
  ON CONFLICT (queue, singleton_key) WHERE status IN ('QUEUED', 'ACTIVE') DO NOTHING RETURNING id;
SELECT pg_notify('commhub_jobs', 'pgbench:process-webhook-event');
COMMIT;
`;

try {
  execFileSync("wrk", ["--version"], { stdio: "ignore" });
} catch (err) {
  // wrk prints its version and exits 1; only a missing binary is an error here.
  if ((err as NodeJS.ErrnoException).code === "ENOENT")
    throw new Error("this benchmark drives the callbacks with wrk: apt-get install -y wrk");
}

const dbUrl = await createScratchDatabase(DB);
// role=web: the ack path alone (storing and enqueueing); no job runner competes for the 2 cores.
const server = await startServer({ DATABASE_URL: dbUrl, GUPSHUP_WEBHOOK_SECRET: secret }, ["--role=web"]);
const loadBefore = load();
const target = `${server.url}/webhooks/gupshup?token=${secret}`;
try {
  const wrkWarm = runWrk(target, 3);
  const wrk = runWrk(target, SECONDS);
  const rss = server.rssMb();
  const acWarm = await runAutocannon(target, 3, "warm");
  const ac = await runAutocannon(target, SECONDS, "run");
  const answered = wrkWarm.ok + wrk.ok + acWarm.ok + ac.ok;
  await server.stop();
  const stored = await countRows(dbUrl);

  const rowOnly = runPgbench(PGBENCH_ROW_SCRIPT, "row");
  const { tps, latency: pgLatency } = runPgbench(PGBENCH_SCRIPT, "txn");

  // A run stops with up to CONNECTIONS callbacks sent and stored but not yet answered.
  const inFlight = 4 * CONNECTIONS;
  const storedAll = [stored.events, stored.jobs].every((n) => n >= answered && n <= answered + inFlight);
  const rowRatio = wrk.rate / rowOnly.tps;
  const acRowRatio = ac.rate / rowOnly.tps;
  const ackRow = (name: string, r: LoadResult) =>
    `| ${name} | ${fmt(r.rate, 0)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.errors} | p99 < 50 ms: ${r.p99 < 50 ? "met" : "**missed**"} |`;
  record("Benchmark 1: webhook ack vs pgbench, 50 connections", "npx tsx bench/webhook-ack-vs-pgbench.ts", [
    "Status callbacks (`message-event` delivered) with unique ids, POST /webhooks/gupshup over loopback,",
    `${CONNECTIONS} connections for ${SECONDS} s after a 3 s warm-up, first from wrk (C; 2 threads), then from autocannon`,
    "(Node). Server: the built `dist/server/main.js` with `--role=web` (stores and enqueues, processes nothing),",
    `pool of 10 connections. Then pgbench, ${CONNECTIONS} clients (2 threads) for ${SECONDS} s, runs the webhook_events row`,
    "insert alone (no job, no NOTIFY; autocommit), then the old per-callback transaction (insert the row,",
    "insert its job, NOTIFY) with one callback per transaction.",
    `Load average at the start of the measurement: ${loadBefore}; at the end: ${load()}.`,
    "",
    "| | throughput /s | p50 ms | p99 ms | errors | target |",
    "|---|---|---|---|---|---|",
    ackRow("commhub webhook ack, wrk", wrk),
    ackRow("commhub webhook ack, autocannon", ac),
    `| pgbench, webhook row insert alone | ${fmt(rowOnly.tps, 0)} | – (mean ${fmt(rowOnly.latency)}) | – | – | |`,
    `| pgbench, row + job + NOTIFY per transaction | ${fmt(tps, 0)} | – (mean ${fmt(pgLatency)}) | – | – | |`,
    `| ratio ack (wrk) / pgbench row alone | ${fmt(rowRatio, 2)} | | | | ≥ 0.8: ${rowRatio >= 0.8 ? "met" : "**missed**"} |`,
    `| ratio ack (autocannon) / pgbench row alone | ${fmt(acRowRatio, 2)} | | | | |`,
    `| ratio ack (wrk) / pgbench row + job + NOTIFY | ${fmt(wrk.rate / tps, 2)} | | | | |`,
    "",
    `Answers 200 (both runs and their warm-ups): ${answered}; rows stored: ${stored.events} webhook_events and`,
    `${stored.jobs} jobs (${storedAll ? "every answer's, and the callbacks still in flight when a run stopped" : "**fewer rows than answers**"}).`,
    `Server RSS after the wrk run: ${fmt(rss, 0)} MB (target < 300 MB: ${rss < 300 ? "met" : "**missed**"}).`,
  ]);
} finally {
  await server.stop();
  await dropScratchDatabase(DB);
}

async function countRows(url: string): Promise<{ events: number; jobs: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ events: string; jobs: string }>(
      "select (select count(*) from webhook_events) as events, (select count(*) from jobs) as jobs",
    );
    return { events: Number(rows[0]?.events), jobs: Number(rows[0]?.jobs) };
  } finally {
    await client.end();
  }
}

function runPgbench(script: string, tag: string): { tps: number; latency: number } {
  const scriptFile = path.join(tmpdir(), `commhub-pgbench-${process.pid}-${tag}.sql`);
  writeFileSync(scriptFile, script);
  const out = execFileSync(
    "pgbench",
    ["-n", "-c", String(CONNECTIONS), "-j", "2", "-T", String(SECONDS), "-r", "-f", scriptFile, dbUrl],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  return {
    tps: Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? Number.NaN),
    latency: Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? Number.NaN),
  };
}
