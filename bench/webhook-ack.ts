// Ack latency of POST /webhooks/gupshup (authenticate → store → commit → 200), kept out of the test suite
// (no timing assertions there). `npx tsx bench/webhook-ack.ts [requests]` on embedded PGlite, or with
// DATABASE_URL on a PostgreSQL server (a scratch database is created and dropped). Sends distinct inbound
// messages over real HTTP, one at a time and then 50 at once, and prints client-side percentiles and the
// server's own commhub_webhook_ack_duration_seconds mean. Nothing processes the stored events meanwhile.
import { randomBytes } from "node:crypto";
import { loadConfig } from "@server/config";
import { type Database, fromPglite, fromPostgresUrl, openPglite } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { createDeps } from "@server/deps";
import { buildApp } from "@server/http/app";
import { createLogger } from "@server/logger";
import pg from "pg";

const requests = Number(process.argv[2] ?? 1000);
const secret = randomBytes(24).toString("hex");
const serverUrl = process.env.DATABASE_URL;
const scratch = `commhub_bench_${randomBytes(4).toString("hex")}`;

async function openDatabase(): Promise<Database> {
  if (!serverUrl) {
    const database = fromPglite(await openPglite());
    await runMigrations(database.db);
    return database;
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${scratch}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${scratch}`;
  const database = fromPostgresUrl(url.toString(), 10);
  await runMigrations(database.db);
  return database;
}

const config = loadConfig({ LOG_LEVEL: "silent", GUPSHUP_WEBHOOK_SECRET: secret }, "/nonexistent");
const database = await openDatabase();
const deps = createDeps(config, database, createLogger("silent"));
const app = await buildApp(deps);
const url = `${await app.listen({ port: 0, host: "127.0.0.1" })}/webhooks/gupshup?token=${secret}`;

let seq = 0;
async function post(): Promise<number> {
  seq += 1;
  const body = JSON.stringify({
    app: "Bench",
    timestamp: Date.now(),
    version: 2,
    type: "message",
    payload: { id: `wamid.bench-${seq}`, source: "919800000000", type: "text", payload: { text: "hello" } },
  });
  const start = performance.now();
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}`);
  return performance.now() - start;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] ?? 0;
const row = (label: string, xs: number[]) =>
  `| ${label} | ${pct(xs, 0.5).toFixed(1)} | ${pct(xs, 0.95).toFixed(1)} | ${pct(xs, 0.99).toFixed(1)} |`;

for (let i = 0; i < 50; i++) await post();
const sequential: number[] = [];
for (let i = 0; i < requests; i++) sequential.push(await post());
const concurrent: number[] = [];
for (let done = 0; done < requests; done += 50) {
  concurrent.push(...(await Promise.all(Array.from({ length: 50 }, () => post()))));
}
const ack = (await deps.metrics.webhookAckDuration.get()).values;
const sum = ack.find((v) => v.metricName?.endsWith("_sum"))?.value ?? 0;
const count = ack.find((v) => v.metricName?.endsWith("_count"))?.value ?? 1;

console.log(
  `${requests} requests each, ${serverUrl ? "PostgreSQL" : "embedded PGlite"}, Node ${process.version}`,
);
console.log("| client-measured | median ms | p95 ms | p99 ms |");
console.log("|---|---|---|---|");
console.log(row("one at a time", sequential));
console.log(row("50 concurrent", concurrent));
console.log(
  `server-side mean (webhook_ack_duration): ${((sum / count) * 1000).toFixed(2)} ms over ${count} acks`,
);

await app.close();
await database.close();
if (serverUrl) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${scratch} with (force)`);
  await admin.end();
}
