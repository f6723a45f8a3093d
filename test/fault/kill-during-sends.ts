// Scenario 14 (docs/RELIABILITY.md), run by hand: `npm run fault:kill-sends`.
//
// Starts the Gupshup simulator (in this process, so its record of every request survives the kills)
// and the real server as a child process on a scratch PostgreSQL database, queues 1,000 sends through
// POST /api/messages/send, kill -9s the server at random points three times, restarts it each time,
// waits until every message has settled, and prints what the simulator accepted, the duplicates among
// messages that were not in flight at a kill (must be 0), and the messages lost (must be 0).
//
// Needs PostgreSQL: FAULT_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres);
// a scratch database is created beside it and dropped at the end.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import { loadConfig } from "@server/config";
import { fromPostgresUrl } from "@server/db/client";
import { queryRows } from "@server/db/query-rows";
import { createCtx, createDeps } from "@server/deps";
import { createApiKey } from "@server/domain/api-keys/create-api-key";
import { createLogger } from "@server/logger";
import { projectPath } from "@server/project-path";
import { startSimulator } from "@server/simulator/start-simulator";
import { sql } from "drizzle-orm";
import pg from "pg";

const MESSAGES = Number(process.env.FAULT_MESSAGES ?? 1000);
const KILLS = 3;
const SETTLE_TIMEOUT_MS = 240_000;

const adminUrl =
  process.env.FAULT_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `commhub_fault_${randomBytes(4).toString("hex")}`;
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
})();

type MessageState = { id: number; phone: string; send_state: string | null; status: string };

async function main(): Promise<void> {
  await admin(`create database ${dbName}`);
  const port = await freePort();
  const secret = randomBytes(18).toString("base64url");
  const simulator = await startSimulator({
    callbackUrl: `http://127.0.0.1:${port}/webhooks/gupshup?token=${secret}`,
    smsCallbackUrl: `http://127.0.0.1:${port}/webhooks/gupshup/sms?token=${secret}`,
    delaysMs: { enqueued: 200, sent: 200, delivered: 200, read: 200 },
    // Callbacks that meet a dead server are tried again after the restart.
    knobs: { enforceSessionWindow: false, callbackRetries: 10, callbackRetryDelayMs: 2_000 },
  });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    DATA_DIR: `/tmp/${dbName}`,
    ...simulator.gupshupEnv,
    GUPSHUP_WEBHOOK_SECRET: secret,
    WHATSAPP_ENFORCE_SESSION_WINDOW: "false",
    SEND_FAST_PATH_MS: "0",
    GUPSHUP_TIMEOUT_MS: "3000",
    SEND_LEASE_MS: "6000",
    SEND_API_RATE_PER_MINUTE: "0",
  };
  const db = fromPostgresUrl(databaseUrl, 2);
  let server = await startServer(env);
  try {
    const token = await createKey(databaseUrl);
    // One recipient per message, so the simulator's record counts sends per message; ending in 1, as
    // numbers ending 0002 are "not on WhatsApp" in the simulator.
    const phones = Array.from({ length: MESSAGES }, (_, i) => `9197${String(i).padStart(6, "0")}1`);
    console.log(`queueing ${MESSAGES} sends…`);
    const queued = await queueSends(server.url, token, phones);
    console.log(`queued: ${queued.accepted} answered 202/200, ${queued.failed} refused`);

    const inFlightAtKill = new Set<number>();
    for (let kill = 1; kill <= KILLS; kill++) {
      await sleep(300 + Math.random() * 2_500);
      server.child.kill("SIGKILL");
      await server.exited;
      const inFlight = await queryRows<{ id: number }>(
        db.db,
        sql`select id from message_logs where send_state = 'SENDING'`,
      );
      for (const row of inFlight) inFlightAtKill.add(row.id);
      const done = await countStates(db);
      console.log(`kill -9 #${kill}: ${inFlight.length} in flight; states ${JSON.stringify(done)}`);
      server = await startServer(env);
    }

    console.log("waiting for every message to settle…");
    const settled = await waitUntilSettled(db);
    await simulator.idle();
    const rows = await queryRows<MessageState>(
      db.db,
      sql`select id, phone, send_state, status from message_logs where direction = 'OUTBOUND' order by id`,
    );
    report({
      rows,
      simulatorAccepted: simulator.state.messages,
      inFlightAtKill,
      settled,
      expected: phones.length,
      queued: queued.accepted,
    });
  } finally {
    server.child.kill("SIGTERM");
    await server.exited;
    await db.close();
    await simulator.stop();
    await admin(`drop database if exists ${dbName} with (force)`);
  }
}

function report(input: {
  rows: MessageState[];
  simulatorAccepted: Array<{ destination: string }>;
  inFlightAtKill: Set<number>;
  settled: boolean;
  expected: number;
  queued: number;
}): void {
  const acceptedPer = new Map<string, number>();
  for (const m of input.simulatorAccepted)
    acceptedPer.set(m.destination, (acceptedPer.get(m.destination) ?? 0) + 1);
  const calm = input.rows.filter((r) => !input.inFlightAtKill.has(r.id));
  const inFlight = input.rows.filter((r) => input.inFlightAtKill.has(r.id));
  const duplicates = (rows: MessageState[]) => rows.filter((r) => (acceptedPer.get(r.phone) ?? 0) > 1).length;
  const unknown = input.rows.filter((r) => r.send_state === "UNKNOWN" && r.status === "PENDING");
  const flagged = input.rows.filter((r) => r.status === "FAILED");
  // Lost: queued (202) but neither accepted by the provider nor held for a person to decide.
  const lost =
    input.rows.filter((r) => !acceptedPer.has(r.phone) && r.send_state !== "UNKNOWN" && r.status !== "FAILED")
      .length +
    (input.queued - input.rows.length);
  const line = (label: string, value: string | number) => console.log(`${label.padEnd(58)} ${value}`);
  console.log("\n== kill -9 during sends: results ==");
  line("messages queued (answered 202)", input.queued);
  line("messages stored", input.rows.length);
  line("settled within the timeout", input.settled ? "yes" : "NO");
  line("accepted by the simulator (distinct recipients)", `${acceptedPer.size} of ${input.expected}`);
  line("accepted by the simulator (requests accepted, all)", input.simulatorAccepted.length);
  line("in flight at a kill", inFlight.length);
  line("  of those: the simulator had accepted it", inFlight.filter((r) => acceptedPer.has(r.phone)).length);
  line(
    "  of those: sent once (adopted by status correlation)",
    inFlight.filter((r) => r.send_state === "ACCEPTED").length,
  );
  line(
    "  of those: UNKNOWN / flagged for staff, never resent",
    inFlight.filter((r) => r.send_state === "UNKNOWN").length,
  );
  line("duplicates among messages not in flight at a kill", duplicates(calm));
  line("duplicates among messages in flight at a kill", duplicates(inFlight));
  line("UNKNOWN, still waiting for a status", unknown.length);
  line("FAILED", flagged.length);
  line("lost", lost);
}

async function waitUntilSettled(db: ReturnType<typeof fromPostgresUrl>): Promise<boolean> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const states = await countStates(db);
    const [callbacks] = await queryRows<{ n: number }>(
      db.db,
      sql`select count(*)::int as n from jobs where queue = 'process-webhook-event' and status in ('QUEUED', 'ACTIVE')`,
    );
    const busy = (states.QUEUED ?? 0) + (states.RETRYING ?? 0) + (states.SENDING ?? 0) + (callbacks?.n ?? 0);
    const waiting = await queryRows<{ n: number }>(
      db.db,
      sql`select count(*)::int as n from message_logs where send_state = 'UNKNOWN' and status = 'PENDING'
          and exists (select 1 from message_status_events e where e.message_id is null and e.recipient_phone = message_logs.phone)`,
    );
    if (busy === 0 && (waiting[0]?.n ?? 0) === 0) return true;
    await sleep(1_000);
  }
  return false;
}

async function countStates(db: ReturnType<typeof fromPostgresUrl>): Promise<Record<string, number>> {
  const rows = await queryRows<{ state: string; n: number }>(
    db.db,
    sql`select coalesce(send_state, 'none') as state, count(*)::int as n from message_logs group by 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

async function queueSends(
  url: string,
  token: string,
  phones: string[],
): Promise<{ accepted: number; failed: number }> {
  let accepted = 0;
  let failed = 0;
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < phones.length) {
      const phone = phones[nextIndex++];
      const res = await fetch(`${url}/api/messages/send`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          "idempotency-key": `fault-${phone}`,
        },
        body: JSON.stringify({ phone, message: `Booking confirmation for ${phone}`, channel: "WHATSAPP" }),
      });
      if (res.status === 200 || res.status === 202) accepted++;
      else {
        failed++;
        console.error(`send for ${phone} answered ${res.status}: ${await res.text()}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 20 }, worker));
  return { accepted, failed };
}

async function createKey(url: string): Promise<string> {
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: url, LOG_LEVEL: "silent" }, "/nonexistent");
  const database = fromPostgresUrl(url, 2);
  try {
    const deps = createDeps(config, database, createLogger("silent"));
    const key = await createApiKey(createCtx(deps, { type: "system", job: "fault-script" }), {
      name: "fault script",
      role: "ADMIN",
    });
    return key.token;
  } finally {
    await database.close();
  }
}

type Server = { url: string; child: ChildProcess; exited: Promise<void> };

async function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", projectPath("server/src/main.ts")], {
    cwd: projectPath(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
  let dead = false;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      dead = true;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (dead) throw new Error(`server exited before listening:\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await sleep(200);
  }
  return { url, child, exited };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
