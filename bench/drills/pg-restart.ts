// Drill pg-restart (scenario 15): webhooks at 50/s with unique ids; after 10 s PostgreSQL is restarted with
// `-m immediate` (a crash: no checkpoint, recovery on start). Pass: the server process stays up, callbacks
// during the outage get 5xx (Gupshup retries them), service is back ≤ 10 s after PostgreSQL accepts
// connections, nothing acknowledged is lost (every 2xx'd id is in the inbox), every stored event is processed.
// This restarts the WHOLE local PostgreSQL server (`pg_ctlcluster 15 main restart -m immediate`, or
// DRILL_PG_RESTART_CMD): run it only when nobody else uses that server.
import { exec } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";
import {
  createScratchDatabase,
  databaseUrl,
  dropScratchDatabase,
  fmt,
  sleep,
  startServer,
  until,
} from "../lib/harness";
import { verdict } from "./verdict";

const RATE = 50;
const DB = "commhub_bench_pgrestart";
const RESTART =
  process.env.DRILL_PG_RESTART_CMD ?? "pg_ctlcluster --skip-systemctl-redirect 15 main restart -m immediate";
const secret = randomBytes(24).toString("hex");

const dbUrl = await createScratchDatabase(DB);
const server = await startServer({ DATABASE_URL: dbUrl, GUPSHUP_WEBHOOK_SECRET: secret });
const results: Array<{ id: string; at: number; status: number }> = [];
let seq = 0;
const send = async () => {
  seq += 1;
  const id = `wamid.pgr-${seq}`;
  const body = JSON.stringify({
    app: "DrillApp",
    timestamp: Date.now(),
    version: 2,
    type: "message",
    payload: {
      id,
      source: `9193${String(seq % 500).padStart(8, "0")}`,
      type: "text",
      payload: { text: `drill ${seq}` },
    },
  });
  let status = 0;
  try {
    const res = await fetch(`${server.url}/webhooks/gupshup?token=${secret}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    await res.arrayBuffer();
    status = res.status;
  } catch {
    status = 0; // no answer: connection refused/reset or timeout
  }
  results.push({ id, at: Date.now(), status });
};

const inflight = new Set<Promise<void>>();
const timer = setInterval(() => {
  const p = send().finally(() => inflight.delete(p));
  inflight.add(p);
}, 1000 / RATE);

await sleep(10_000);
const restartAt = Date.now();
// Asynchronously: the sender keeps firing while PostgreSQL goes down and comes back.
await promisify(exec)(RESTART);
// PostgreSQL accepts connections again:
await until(
  async () => {
    const c = new pg.Client({ connectionString: databaseUrl("postgres"), connectionTimeoutMillis: 1000 });
    try {
      await c.connect();
      await c.end();
      return true;
    } catch {
      return false;
    }
  },
  (up) => up,
  60_000,
);
const dbBackAt = Date.now();
await sleep(20_000);
clearInterval(timer);
await Promise.all(inflight);

const serverAlive = server.child.exitCode === null;
const db = new pg.Client({ connectionString: dbUrl });
await db.connect();
try {
  const remaining = async () =>
    Number(
      (await db.query("select count(*)::int as n from webhook_events where status = 'RECEIVED'")).rows[0].n,
    );
  await until(remaining, (n) => n === 0, 120_000);
  const rows = (await db.query("select raw_body::json->'payload'->>'id' as id, status from webhook_events"))
    .rows as Array<{
    id: string;
    status: string;
  }>;
  const stored = new Map(rows.map((r) => [r.id, r.status]));
  const acked = results.filter((r) => r.status >= 200 && r.status < 300);
  const lost = acked.filter((r) => !stored.has(r.id));
  const during = results.filter((r) => r.at >= restartAt && r.at <= dbBackAt);
  const failedDuring = during.filter((r) => r.status === 0 || r.status >= 500).length;
  const firstOkAfter = results
    .filter((r) => r.at >= dbBackAt && r.status === 200)
    .sort((a, b) => a.at - b.at)[0];
  const recovery = firstOkAfter ? (firstOkAfter.at - dbBackAt) / 1000 : Number.POSITIVE_INFINITY;
  const failedAfterRecovery = results.filter(
    (r) => firstOkAfter && r.at > firstOkAfter.at + 2000 && r.status !== 200,
  ).length;
  const unprocessed = rows.filter((r) => r.status === "RECEIVED" || r.status === "FAILED").length;
  const extra = rows.length - acked.length;
  const statuses = new Map<number, number>();
  for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  verdict(
    `pg-restart: ${RATE} webhooks/s, PostgreSQL restarted -m immediate after 10 s`,
    [
      {
        name: "server process stayed up",
        ok: serverAlive,
        figure: serverAlive ? "yes" : `exited ${server.child.exitCode}`,
      },
      {
        name: "callbacks during the outage got 5xx or no answer (Gupshup retries), never a false 200",
        ok: lost.length === 0,
        figure: `${failedDuring} of ${during.length} sent during the outage failed; outage ${fmt((dbBackAt - restartAt) / 1000)} s`,
      },
      {
        name: "service back ≤ 10 s after PostgreSQL accepts connections",
        ok: recovery <= 10,
        figure: `${fmt(recovery)} s`,
      },
      {
        name: "steady after recovery (no failures 2 s after the first 200)",
        ok: failedAfterRecovery === 0,
        figure: `${failedAfterRecovery}`,
      },
      {
        name: "nothing acknowledged is lost",
        ok: lost.length === 0,
        figure: `${acked.length} acked, ${lost.length} missing from the inbox`,
      },
      {
        name: "every stored event processed, none parked",
        ok: unprocessed === 0,
        figure: `${rows.length} stored, ${unprocessed} not processed`,
      },
    ],
    [
      `responses by status: ${[...statuses].map(([s, n]) => `${s === 0 ? "no answer" : s}: ${n}`).join(", ")}`,
      `stored but not acknowledged (committed, answer lost in the crash; Gupshup's retry is deduplicated): ${extra}`,
      `server output mentions: ${(server.output().match(/postgres pool client error|terminating connection|ECONNREFUSED/g) ?? []).length} connection errors logged`,
    ],
  );
} finally {
  await db.end();
  await server.stop();
  await dropScratchDatabase(DB);
}
