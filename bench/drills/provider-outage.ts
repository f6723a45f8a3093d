// Drill provider-outage (scenario 16): the provider answers 5xx to every send for OUTAGE seconds while
// MESSAGES sends are queued. Pass: no message is marked FAILED during the outage, the attempt rate to the
// provider falls during the outage (circuit breaking / backoff: ≤ 1 attempt per second in its second
// half), and after recovery every message is accepted exactly once.
// `npm run drill -- provider-outage [messages] [outage-seconds]`; scratch database commhub_bench_outage.
import { randomBytes } from "node:crypto";
import { loadConfig } from "@server/config";
import { fromPostgresUrl } from "@server/db/client";
import { createCtx, createDeps } from "@server/deps";
import { createApiKey } from "@server/domain/api-keys/create-api-key";
import { createLogger } from "@server/logger";
import pg from "pg";
import {
  createScratchDatabase,
  dropScratchDatabase,
  fmt,
  sleep,
  startBenchSimulator,
  startServer,
  until,
} from "../lib/harness";
import { verdict } from "./verdict";

const MESSAGES = Number(process.argv[2] ?? 200);
const OUTAGE_S = Number(process.argv[3] ?? 60);
const DB = "commhub_bench_outage";
const secret = randomBytes(24).toString("hex");

const dbUrl = await createScratchDatabase(DB);
const simulator = await startBenchSimulator();
const server = await startServer({
  DATABASE_URL: dbUrl,
  ...simulator.gupshupEnv,
  GUPSHUP_WEBHOOK_SECRET: secret,
  WHATSAPP_ENFORCE_SESSION_WINDOW: "false",
  SEND_FAST_PATH_MS: "0",
  SEND_API_RATE_PER_MINUTE: "0",
});
simulator.setCallbackUrls({ whatsapp: `${server.url}/webhooks/gupshup?token=${secret}` });
const db = new pg.Client({ connectionString: dbUrl });
await db.connect();
try {
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: dbUrl, LOG_LEVEL: "silent" }, "/nonexistent");
  const keyDb = fromPostgresUrl(dbUrl, 2);
  const token = (
    await createApiKey(
      createCtx(createDeps(config, keyDb, createLogger("silent")), { type: "system", job: "drill" }),
      {
        name: "drill",
        role: "ADMIN",
      },
    )
  ).token;
  await keyDb.close();

  // The outage starts before the first send.
  simulator.setKnobs({ failNext: 1_000_000_000 });
  const outageStart = Date.now();
  const phones = Array.from({ length: MESSAGES }, (_, i) => `9195${String(i).padStart(7, "0")}1`);
  let refused = 0;
  for (const phone of phones) {
    const res = await fetch(`${server.url}/api/messages/send`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        "idempotency-key": `outage-${phone}`,
      },
      body: JSON.stringify({ phone, message: `Your booking ${phone}`, channel: "WHATSAPP" }),
    });
    await res.arrayBuffer();
    if (res.status !== 200 && res.status !== 202) refused++;
  }
  await sleep(Math.max(0, OUTAGE_S * 1000 - (Date.now() - outageStart)));
  const outageEnd = Date.now();
  const sends = () => simulator.requests().filter((r) => r.kind === "whatsapp");
  const attempts = sends().filter((r) => Date.parse(r.at) >= outageStart && Date.parse(r.at) <= outageEnd);
  const secondHalf = attempts.filter((r) => Date.parse(r.at) >= outageStart + (OUTAGE_S * 1000) / 2);
  const secondHalfRate = secondHalf.length / (OUTAGE_S / 2);
  const failedDuring = Number(
    (
      await db.query(
        "select count(*)::int as n from message_logs where direction = 'OUTBOUND' and status = 'FAILED'",
      )
    ).rows[0].n,
  );

  simulator.setKnobs({ failNext: 0 });
  const recoveredAt = Date.now();
  const accepted = () =>
    new Set(simulator.state.messages.map((m) => m.destination).filter((d) => phones.includes(d)));
  await until(
    async () => accepted().size,
    (n) => n >= MESSAGES,
    600_000,
  );
  const drainedS = (Date.now() - recoveredAt) / 1000;
  const perPhone = new Map<string, number>();
  for (const m of simulator.state.messages)
    perPhone.set(m.destination, (perPhone.get(m.destination) ?? 0) + 1);
  const duplicates = phones.filter((p) => (perPhone.get(p) ?? 0) > 1).length;
  const missing = phones.filter((p) => !perPhone.has(p)).length;
  const failedAfter = Number(
    (
      await db.query(
        "select count(*)::int as n from message_logs where direction = 'OUTBOUND' and status = 'FAILED'",
      )
    ).rows[0].n,
  );
  verdict(
    `provider-outage: ${MESSAGES} sends queued during a ${OUTAGE_S} s provider outage (every send answered 500)`,
    [
      {
        name: "sends accepted into the queue during the outage",
        ok: refused === 0,
        figure: `${MESSAGES - refused} of ${MESSAGES}`,
      },
      {
        name: "no message marked FAILED during the outage",
        ok: failedDuring === 0,
        figure: `${failedDuring}`,
      },
      {
        name: "attempt rate falls during the outage (≤ 1/s in its second half)",
        ok: secondHalfRate <= 1,
        figure: `${attempts.length} attempts in ${OUTAGE_S} s; ${fmt(secondHalfRate, 2)}/s in the second half`,
      },
      {
        name: "all delivered after recovery",
        ok: missing === 0,
        figure: `${MESSAGES - missing} of ${MESSAGES} accepted ${fmt(drainedS)} s after recovery`,
      },
      { name: "each accepted once (duplicates 0)", ok: duplicates === 0, figure: `${duplicates}` },
      { name: "none FAILED in the end", ok: failedAfter === 0, figure: `${failedAfter}` },
    ],
  );
} finally {
  await db.end();
  await server.stop();
  await simulator.stop();
  await dropScratchDatabase(DB);
}
