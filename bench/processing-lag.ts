// Benchmark 2: processing lag. Webhooks at a steady rate (default 500/s for 60 s), half inbound text
// messages from 2,000 guests, half delivered/read statuses for outbound messages seeded beforehand; one
// server (`--role=all`). Lag = processed_at − received_at of each webhook_events row: from the stored ack to
// the commit that makes the message row or status visible. Targets: p99 < 1 s, zero parked.
// `npx tsx bench/processing-lag.ts [rate] [seconds] [status share]`; scratch database commhub_bench.
import { randomBytes } from "node:crypto";
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
  sleep,
  startServer,
  until,
} from "./lib/harness";

const RATE = Number(process.argv[2] ?? 500);
const SECONDS = Number(process.argv[3] ?? 60);
// Share of status callbacks (the rest inbound texts); 0.5 unless given, 1 measures the status path alone.
const STATUS_SHARE = Number(process.argv[4] ?? 0.5);
const DB = "commhub_bench";
const SEEDED = 20_000;
const secret = randomBytes(24).toString("hex");

const inbound = (n: number) => inboundText(n, 2_000);
const status = (n: number) =>
  outboundStatus(n % SEEDED, Math.floor(n / SEEDED) % 2 === 0 ? "delivered" : "read");

const dbUrl = await createScratchDatabase(DB);
const server = await startServer({ DATABASE_URL: dbUrl, GUPSHUP_WEBHOOK_SECRET: secret });
const db = new pg.Client({ connectionString: dbUrl });
await db.connect();
try {
  await seedOutboundMessages(db, SEEDED);
  const [{ id: startId }] = (await db.query("select coalesce(max(id), 0)::int as id from webhook_events"))
    .rows;
  const loadBefore = load();
  const yardstick = await roundTripMicros();
  let seq = 0;
  const ac = await autocannon({
    url: `${server.url}/webhooks/gupshup?token=${secret}`,
    connections: 25,
    overallRate: RATE,
    duration: SECONDS,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (req) => {
          seq += 1;
          const isStatus = STATUS_SHARE === 0.5 ? seq % 2 === 1 : (seq % 100) / 100 < STATUS_SHARE;
          return { ...req, body: isStatus ? status(seq) : inbound(seq) };
        },
      },
    ],
  });
  const sentAt = Date.now();
  const remaining = () => unprocessedSince(db, startId);
  await until(remaining, (n) => n === 0, 180_000);
  const drainSeconds = (Date.now() - sentAt) / 1000;
  // Callbacks still in flight when autocannon stopped may be stored just after the backlog looked empty.
  await sleep(1_000);
  await until(remaining, (n) => n === 0, 30_000);
  const rss = server.rssMb();
  const stats = (
    await db.query(
      `select count(*)::int as total,
              count(*) filter (where status = 'FAILED')::int as parked,
              count(*) filter (where status = 'RECEIVED')::int as unprocessed,
              count(*) filter (where kind = 'message')::int as messages,
              count(*) filter (where kind = 'status')::int as statuses,
              percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at)) as p50,
              percentile_cont(0.95) within group (order by extract(epoch from processed_at - received_at)) as p95,
              percentile_cont(0.99) within group (order by extract(epoch from processed_at - received_at)) as p99,
              max(extract(epoch from processed_at - received_at)) as max,
              percentile_cont(0.99) within group (order by extract(epoch from processed_at - received_at)) filter (where kind = 'message') as p99_messages,
              percentile_cont(0.99) within group (order by extract(epoch from processed_at - received_at)) filter (where kind = 'status') as p99_statuses
         from webhook_events where id > $1`,
      [startId],
    )
  ).rows[0];
  // Where in the run the slow events were: a start-up effect (new guests, cold caches) or all along.
  const byWindow = (
    await db.query(
      `select w, round(percentile_cont(0.99) within group (order by extract(epoch from lag)) * 1000)::int as p99
         from (select floor(extract(epoch from received_at - min(received_at) over ()) / 10)::int as w,
                      processed_at - received_at as lag
                 from webhook_events where id > $1) t
        group by w order by w`,
      [startId],
    )
  ).rows;
  const visible = (
    await db.query(
      `select (select count(*)::int from message_logs where direction = 'INBOUND') as inbound,
              (select count(*)::int from message_logs where direction = 'OUTBOUND' and status in ('DELIVERED', 'READ')) as updated`,
    )
  ).rows[0];
  const p99ms = Number(stats.p99) * 1000;
  const achieved = ac["2xx"] / SECONDS;
  record(`Benchmark 2: processing lag at ${RATE}/s for ${SECONDS} s`, "npx tsx bench/processing-lag.ts", [
    `autocannon at an overall ${RATE} requests/s (25 connections), ${STATUS_SHARE === 0.5 ? "half inbound texts from 2,000 guests, half" : `${Math.round((1 - STATUS_SHARE) * 100)} % inbound texts from 2,000 guests, ${Math.round(STATUS_SHARE * 100)} %`}`,
    `delivered/read statuses for ${SEEDED.toLocaleString("en")} seeded outbound messages; one server process \`--role=all\` on the same`,
    "2 cores as the client and PostgreSQL. Lag per event = processed_at − received_at (ack commit → processing commit).",
    `Load average at the start of the measurement: ${loadBefore}; at the end: ${load()}. Machine speed: one prepared`,
    `round trip to PostgreSQL took ${fmt(yardstick)} µs before the run (harness roundTripMicros).`,
    "",
    "| sent /s | acked (2xx) | ack p99 ms | events | parked | lag p50 ms | lag p95 ms | lag p99 ms | lag max ms | backlog drained after the last request |",
    "|---|---|---|---|---|---|---|---|---|---|",
    `| ${fmt(achieved, 0)} | ${ac["2xx"]} (non-2xx ${ac.non2xx}, errors ${ac.errors}) | ${fmt(ac.latency.p99)} | ${stats.total} (${stats.messages} messages, ${stats.statuses} statuses) | ${stats.parked} | ${fmt(Number(stats.p50) * 1000, 0)} | ${fmt(Number(stats.p95) * 1000, 0)} | ${fmt(p99ms, 0)} | ${fmt(Number(stats.max) * 1000, 0)} | ${fmt(drainSeconds)} s |`,
    "",
    `Lag p99 by 10-second window of arrival (ms): ${byWindow.map((r) => r.p99).join(", ")}.`,
    `Lag p99 by kind: inbound messages ${fmt(Number(stats.p99_messages) * 1000, 0)} ms, statuses ${fmt(Number(stats.p99_statuses) * 1000, 0)} ms.`,
    `Visible afterwards: ${visible.inbound} inbound message rows, ${visible.updated} outbound messages moved to DELIVERED/READ.`,
    `Targets: lag p99 < 1 s: ${p99ms < 1000 ? "met" : "**missed**"}; zero parked: ${Number(stats.parked) === 0 && Number(stats.unprocessed) === 0 ? "met" : `**missed** (${stats.parked} parked, ${stats.unprocessed} unprocessed)`}. Server RSS at the end: ${fmt(rss, 0)} MB (< 300 MB: ${rss < 300 ? "met" : "**missed**"}).`,
  ]);
} finally {
  await db.end();
  await server.stop();
  await dropScratchDatabase(DB);
}
