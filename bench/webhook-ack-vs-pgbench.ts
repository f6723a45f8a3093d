// Benchmark 1: webhook acknowledgement at 50 concurrent connections, beside pgbench in the same run at the
// same concurrency doing (a) the webhook_events row insert alone (no job, no NOTIFY: the database's own
// one-row ceiling) and (b) the old inbox transaction (row + job + NOTIFY, one callback per transaction).
// Targets: ack throughput / one-row pgbench tps ≥ 0.8, p99 < 50 ms.
// `npx tsx bench/webhook-ack-vs-pgbench.ts [seconds]` — needs a PostgreSQL server (DATABASE_URL or the
// local default); works in the scratch database commhub_bench.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
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

async function runAutocannon(url: string, seconds: number, tag: string) {
  let seq = 0;
  return autocannon({
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

const dbUrl = await createScratchDatabase(DB);
// role=web: the ack path alone (storing and enqueueing); no job runner competes for the 2 cores.
const server = await startServer({ DATABASE_URL: dbUrl, GUPSHUP_WEBHOOK_SECRET: secret }, [
  "--role=web",
]).catch(async (err) => {
  throw err;
});
const loadBefore = load();
const target = `${server.url}/webhooks/gupshup?token=${secret}`;
try {
  await runAutocannon(target, 3, "warm");
  const ac = await runAutocannon(target, SECONDS, "run");
  const rss = server.rssMb();
  await server.stop();

  const rowOnly = runPgbench(PGBENCH_ROW_SCRIPT, "row");
  const { tps, latency: pgLatency } = runPgbench(PGBENCH_SCRIPT, "txn");

  const ok2xx = ac["2xx"];
  const ackRate = ok2xx / SECONDS;
  const ratio = ackRate / tps;
  const rowRatio = ackRate / rowOnly.tps;
  const p99 = ac.latency.p99;
  const errors = ac.errors + ac.timeouts + ac.non2xx;
  record("Benchmark 1: webhook ack vs pgbench, 50 connections", "npx tsx bench/webhook-ack-vs-pgbench.ts", [
    `Status callbacks (\`message-event\` delivered) with unique ids, POST /webhooks/gupshup over loopback with`,
    `autocannon, ${CONNECTIONS} connections for ${SECONDS} s after a 3 s warm-up; server \`--role=web\` (stores and`,
    `enqueues, processes nothing), pool of 10 connections. Then pgbench, ${CONNECTIONS} clients for ${SECONDS} s, runs the`,
    "webhook_events row insert alone (no job, no NOTIFY; autocommit), then the old per-callback transaction",
    "(insert the row, insert its job, NOTIFY) with one callback per transaction.",
    `Load average at the start of the measurement: ${loadBefore}; at the end: ${load()}.`,
    "",
    "| | throughput /s | p50 ms | p99 ms | errors | target |",
    "|---|---|---|---|---|---|",
    `| commhub webhook ack | ${fmt(ackRate, 0)} | ${fmt(ac.latency.p50)} | ${fmt(p99)} | ${errors} | p99 < 50 ms: ${p99 < 50 ? "met" : "**missed**"} |`,
    `| pgbench, webhook row insert alone | ${fmt(rowOnly.tps, 0)} | – (mean ${fmt(rowOnly.latency)}) | – | – | |`,
    `| pgbench, row + job + NOTIFY per transaction | ${fmt(tps, 0)} | – (mean ${fmt(pgLatency)}) | – | – | |`,
    `| ratio ack / pgbench row alone | ${fmt(rowRatio, 2)} | | | | ≥ 0.8: ${rowRatio >= 0.8 ? "met" : "**missed**"} |`,
    `| ratio ack / pgbench row + job + NOTIFY | ${fmt(ratio, 2)} | | | | |`,
    "",
    `Server RSS at the end of the run: ${fmt(rss, 0)} MB (target < 300 MB: ${rss < 300 ? "met" : "**missed**"}).`,
  ]);
} finally {
  await server.stop();
  await dropScratchDatabase(DB);
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
