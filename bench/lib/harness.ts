// Shared parts of the benchmarks and drills: the machine, a scratch database on the PostgreSQL server,
// the real server process, percentiles, and the record appended to docs/BENCHMARKS.md.
import { type ChildProcess, execFileSync } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import os from "node:os";
import { projectPath } from "@server/project-path";
import { type SimulatorHandle, startSimulator } from "@server/simulator/start-simulator";
import { spawnServer } from "@test/spawn-server";
import pg from "pg";

export const SERVER_URL =
  process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

/** The URL of database `name` on the benchmark server. */
export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates (or re-creates) a scratch database. Refuses the names other people use. */
export async function createScratchDatabase(name: string): Promise<string> {
  if (!/^commhub_bench\w*$/.test(name))
    throw new Error(`scratch databases are named commhub_bench*, not ${name}`);
  await withAdmin(async (admin) => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  });
  return databaseUrl(name);
}

export async function dropScratchDatabase(name: string): Promise<void> {
  if (!/^commhub_bench\w*$/.test(name)) throw new Error(`refusing to drop ${name}`);
  await withAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`));
}

async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

export function load(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");
}

export function machine(): string {
  const cpus = os.cpus();
  let pgVersion = "?";
  try {
    pgVersion = execFileSync("psql", ["-XAtc", "show server_version", SERVER_URL], {
      encoding: "utf8",
    }).trim();
  } catch {
    // no psql
  }
  return `${cpus.length} × ${cpus[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, PostgreSQL ${pgVersion} (shared server, same machine)`;
}

export type ServerHandle = {
  url: string;
  pid: number;
  child: ChildProcess;
  output: () => string;
  rssMb: () => number;
  /** CPU time (user + system, all threads) the process has used so far. */
  cpuSeconds: () => number;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

/**
 * Starts the server in production mode as `npm start` runs it (`dist/server/main.js`, built first if
 * stale); resolves once it listens. BENCH_SOURCES=1 runs `server/src/main.ts` through tsx instead, whose
 * compiler cache makes the process 100–150 MB larger.
 */
export async function startServer(env: Record<string, string>, args: string[] = []): Promise<ServerHandle> {
  const built = process.env.BENCH_SOURCES !== "1";
  if (built)
    execFileSync(process.execPath, [projectPath("scripts/build.mjs"), "--if-stale"], { stdio: "inherit" });
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (where the time goes).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const server = await spawnServer({ NODE_ENV: "production", ...env }, args, {
    built,
    nodeArgs,
    startTimeoutMs: 90_000,
    label: "bench-server",
  });
  const pid = server.child.pid ?? 0;
  return { ...server, pid, rssMb: () => rssMbOf(pid), cpuSeconds: () => cpuSecondsOf(pid) };
}

/**
 * The Gupshup simulator as the send benchmarks and drills use it: callbacks a few hundred ms apart,
 * retried when the server is down, no 24-hour window check, no read receipts.
 */
export function startBenchSimulator(): Promise<SimulatorHandle> {
  return startSimulator({
    delaysMs: { enqueued: 50, sent: 100, delivered: 200, read: 300 },
    knobs: {
      enforceSessionWindow: false,
      callbackRetries: 5,
      callbackRetryDelayMs: 1_000,
      readReceipts: false,
    },
  });
}

export function rssMbOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

export function cpuSecondsOf(pid: number): number {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 a second).
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? Number.NaN;
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(250);
  }
}

/** Prints the section and appends it to docs/BENCHMARKS.md under a dated heading with the machine. */
export function record(title: string, command: string, body: string[]): void {
  const date = new Date().toISOString().replace("T", " ").slice(0, 16);
  const section = [
    "",
    `## ${title} (\`${command}\`)`,
    "",
    `Run ${date} UTC. Machine: ${machine()}. Load average before the run: ${loadAtStart}.`,
    "",
    ...body,
    "",
  ].join("\n");
  console.log(section);
  if (!process.env.BENCH_NO_RECORD) appendFileSync(projectPath("docs/BENCHMARKS.md"), section);
}

const loadAtStart = load();

/**
 * A yardstick for the machine's speed at the moment of a run, printed beside figures that depend on it
 * (this VM's speed has varied by a factor of two within an hour): the mean time of 5,000 one-row
 * prepared-statement round trips from one client to the PostgreSQL server.
 */
export async function roundTripMicros(): Promise<number> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    const query = (i: number) =>
      client.query({ name: "yardstick", text: "select $1::int as n", values: [i] });
    for (let i = 0; i < 500; i++) await query(i);
    const started = performance.now();
    for (let i = 0; i < 5_000; i++) await query(i);
    return ((performance.now() - started) * 1000) / 5_000;
  } finally {
    await client.end();
  }
}
