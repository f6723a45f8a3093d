// Drill load-60s (scenario 24): autocannon 60 s, 50 connections, against POST /webhooks/gupshup on
// loopback with the real database, a unique message id per request → 0 errors, 0 non-2xx, p99 ack
// < 100 ms, inbox rows = 2xx responses; then the inbox list API p95 < 150 ms with 100 k messages seeded.

import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import pg from "pg";
import {
  createScratchDatabase,
  dropScratchDatabase,
  fmt,
  load,
  percentile,
  startServer,
} from "../lib/harness";
import { verdict } from "./verdict";

const SECONDS = Number(process.argv[2] ?? 60);
const DB = "commhub_bench_load";
const secret = randomBytes(24).toString("hex");
const dbUrl = await createScratchDatabase(DB);
const server = await startServer({ DATABASE_URL: dbUrl, GUPSHUP_WEBHOOK_SECRET: secret });
const db = new pg.Client({ connectionString: dbUrl });
await db.connect();
try {
  // 100 k messages over 10 k threads, for the inbox list afterwards.
  await db.query(
    `insert into contacts (phone, name) select '9191' || lpad(i::text, 8, '0'), 'Guest ' || i from generate_series(1, 10000) i`,
  );
  await db.query(`insert into threads (contact_id, property_id, status, last_message_at, last_preview)
    select c.id, (select min(id) from properties), 'OPEN', now() - c.id * interval '1 minute', 'hello' from contacts c where c.phone like '9191%'`);
  await db.query(`insert into message_logs (contact_id, thread_id, channel, direction, status, phone, message, created_at)
    select t.contact_id, t.id, 'WHATSAPP', 'INBOUND', 'DELIVERED', '9191', 'seeded message ' || k, t.last_message_at - k * interval '1 minute'
      from threads t cross join generate_series(1, 10) k`);
  await db.query("analyze");
  const before = Number((await db.query("select count(*)::int as n from webhook_events")).rows[0].n);

  const loadBefore = load();
  let seq = 0;
  const ac = await autocannon({
    url: `${server.url}/webhooks/gupshup?token=${secret}`,
    connections: 50,
    duration: SECONDS,
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        setupRequest: (req) => {
          seq += 1;
          const body = JSON.stringify({
            app: "DrillApp",
            timestamp: Date.now(),
            version: 2,
            type: "message",
            payload: {
              id: `wamid.load-${seq}`,
              source: `9192${String(seq % 5000).padStart(8, "0")}`,
              type: "text",
              payload: { text: `load ${seq}` },
              sender: { phone: `9192${String(seq % 5000).padStart(8, "0")}`, name: "Guest" },
            },
          });
          return { ...req, body };
        },
      },
    ],
  });
  const stored = Number((await db.query("select count(*)::int as n from webhook_events")).rows[0].n) - before;
  const rss = server.rssMb();

  const key = execFileSync(
    "npm",
    ["run", "-s", "cli", "--", "api-key", "create", "--name", "drill", "--role", "ADMIN"],
    {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: dbUrl, LOG_LEVEL: "warn" },
    },
  )
    .trim()
    .split("\n")
    .at(-1);
  const times: number[] = [];
  for (let i = 0; i < 120; i++) {
    const start = performance.now();
    const res = await fetch(`${server.url}/api/threads`, { headers: { authorization: `Bearer ${key}` } });
    await res.arrayBuffer();
    if (i >= 20 && res.status === 200) times.push(performance.now() - start);
  }
  const listP95 = percentile(times, 0.95);
  verdict(
    `load-60s: ${SECONDS} s, 50 connections, unique inbound messages, server --role=all`,
    [
      {
        name: "errors (connection, timeout)",
        ok: ac.errors + ac.timeouts === 0,
        figure: `${ac.errors + ac.timeouts}`,
      },
      { name: "non-2xx responses", ok: ac.non2xx === 0, figure: `${ac.non2xx}` },
      {
        name: "p99 ack < 100 ms",
        ok: ac.latency.p99 < 100,
        figure: `p50 ${fmt(ac.latency.p50)} ms, p99 ${fmt(ac.latency.p99)} ms, ${fmt(ac["2xx"] / SECONDS, 0)} acks/s`,
      },
      {
        // autocannon stops counting at the deadline with up to 50 requests still in flight; those are stored too.
        name: "inbox rows = 2xx responses (+ the ≤ 50 in flight at the cut)",
        ok: stored >= ac["2xx"] && stored - ac["2xx"] <= 50,
        figure: `${stored} rows, ${ac["2xx"]} acks counted`,
      },
      {
        name: "inbox list p95 < 150 ms (100 k messages)",
        ok: listP95 < 150,
        figure: `p50 ${fmt(percentile(times, 0.5))} ms, p95 ${fmt(listP95)} ms`,
      },
    ],
    [`server RSS at the end: ${fmt(rss, 0)} MB; load average at start ${loadBefore}, at end ${load()}`],
  );
} finally {
  await db.end();
  await server.stop();
  await dropScratchDatabase(DB);
}
