// Benchmark 3: the send pipeline. 10,000 sends are queued through POST /api/messages/send on a web-only
// instance (so none leaves early), then a worker drains them against the Gupshup simulator: first with
// pacing at 200/s (SEND_RATE_PER_SECOND), then another 10,000 unpaced. Achieved rate = accepted sends /
// (last − first acceptance at the simulator). Targets: achieved/configured ≥ 0.95 when paced; duplicates 0
// (a recipient per message, so the simulator's count per recipient is the count per message).
// `npx tsx bench/send-pipeline.ts [messages] [rate]`; scratch database commhub_bench_send.
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
  load,
  record,
  startBenchSimulator,
  startServer,
  until,
} from "./lib/harness";

const MESSAGES = Number(process.argv[2] ?? 10_000);
const RATE = Number(process.argv[3] ?? 200);
const DB = "commhub_bench_send";
const secret = randomBytes(24).toString("hex");

const dbUrl = await createScratchDatabase(DB);
const simulator = await startBenchSimulator();
const env = (rate: number): Record<string, string> => ({
  DATABASE_URL: dbUrl,
  ...simulator.gupshupEnv,
  GUPSHUP_WEBHOOK_SECRET: secret,
  WHATSAPP_ENFORCE_SESSION_WINDOW: "false",
  SEND_FAST_PATH_MS: "0",
  SEND_RATE_PER_SECOND: String(rate),
  // One key queues every send as fast as it can; the per-key budget would measure itself.
  SEND_API_RATE_PER_MINUTE: "0",
});

async function createKey(): Promise<string> {
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: dbUrl, LOG_LEVEL: "silent" }, "/nonexistent");
  const database = fromPostgresUrl(dbUrl, 2);
  try {
    const deps = createDeps(config, database, createLogger("silent"));
    const key = await createApiKey(createCtx(deps, { type: "system", job: "bench" }), {
      name: "bench",
      role: "ADMIN",
    });
    return key.token;
  } finally {
    await database.close();
  }
}

/** Queues `phones.length` sends on a web-only instance; nothing is sent until a worker starts. */
async function queue(phones: string[]): Promise<number> {
  const web = await startServer(env(RATE), ["--role=web"]);
  try {
    const token = await createKey();
    let next = 0;
    let accepted = 0;
    const worker = async () => {
      while (next < phones.length) {
        const phone = phones[next++];
        const res = await fetch(`${web.url}/api/messages/send`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${token}`,
            "idempotency-key": `bench-${phone}`,
          },
          body: JSON.stringify({ phone, message: `Booking confirmation for ${phone}`, channel: "WHATSAPP" }),
        });
        await res.arrayBuffer();
        if (res.status === 200 || res.status === 202) accepted++;
        else if (accepted === 0) throw new Error(`send answered ${res.status}`);
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    return accepted;
  } finally {
    await web.stop();
  }
}

async function drain(label: string, rate: number, phones: string[]) {
  const queued = await queue(phones);
  const before = simulator.state.messages.length;
  const worker = await startServer(env(rate), ["--role=all"]);
  const cpuBefore = worker.cpuSeconds();
  // Statuses (enqueued, sent, delivered) come back to this instance while it sends, as in production.
  simulator.setCallbackUrls({ whatsapp: `${worker.url}/webhooks/gupshup?token=${secret}` });
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    await until(
      async () => simulator.state.messages.length - before,
      (n) => n >= queued,
      Math.max(180_000, (queued / Math.min(rate, 100)) * 1000 * 3),
    );
    const pending = async () =>
      Number(
        (
          await db.query(
            "select count(*)::int as n from message_logs where send_state in ('QUEUED', 'SENDING', 'RETRYING')",
          )
        ).rows[0].n,
      );
    await until(pending, (n) => n === 0, 60_000);
    const accepted = simulator.state.messages.slice(before).filter((m) => phones.includes(m.destination));
    const times = accepted.map((m) => Date.parse(m.acceptedAt)).sort((a, b) => a - b);
    const span = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
    const achieved = span > 0 ? (accepted.length - 1) / span : Number.NaN;
    const perPhone = new Map<string, number>();
    for (const m of accepted) perPhone.set(m.destination, (perPhone.get(m.destination) ?? 0) + 1);
    const duplicates = [...perPhone.values()].filter((n) => n > 1).length;
    const missing = phones.filter((p) => !perPhone.has(p)).length;
    return {
      label,
      rate,
      queued,
      accepted: accepted.length,
      span,
      achieved,
      duplicates,
      missing,
      rss: worker.rssMb(),
      cpuMsPerSend: ((worker.cpuSeconds() - cpuBefore) * 1000) / accepted.length,
    };
  } finally {
    await db.end();
    await worker.stop();
  }
}

try {
  const phones = (offset: number) =>
    Array.from({ length: MESSAGES }, (_, i) => `9196${String(offset + i).padStart(7, "0")}1`);
  const loadBefore = load();
  const paced = await drain(`paced at ${RATE}/s`, RATE, phones(0));
  const unpaced = await drain("unpaced", 1_000_000, phones(MESSAGES));
  const ratio = paced.achieved / RATE;
  const row = (r: typeof paced, target: string) =>
    `| ${r.label} | ${r.queued} | ${r.accepted} | ${fmt(r.span)} s | ${fmt(r.achieved, 0)}/s | ${target} | ${r.duplicates} | ${r.missing} | ${fmt(r.cpuMsPerSend, 2)} ms | ${fmt(r.rss, 0)} MB |`;
  record(
    `Benchmark 3: send pipeline, ${MESSAGES.toLocaleString("en")} queued sends`,
    "npx tsx bench/send-pipeline.ts",
    [
      `${MESSAGES.toLocaleString("en")} WhatsApp texts queued through POST /api/messages/send (20 concurrent clients) on a \`--role=web\``,
      "instance, then drained by one `--role=all` instance against the Gupshup simulator (in the benchmark process);",
      "the simulator's enqueued/sent/delivered callbacks flow back to that instance meanwhile, as in production.",
      `Load average at the start: ${loadBefore}; at the end: ${load()}. Server CPU per send: the draining`,
      "instance's CPU time (all threads) from its start to the last settled message, over the messages sent,",
      "with the three callbacks of each processed meanwhile.",
      "",
      "| run | queued | accepted at the simulator | first → last | achieved | achieved / configured | duplicates | missing | server CPU per send | server RSS |",
      "|---|---|---|---|---|---|---|---|---|---|",
      row(paced, `${fmt(ratio, 2)} (≥ 0.95: ${ratio >= 0.95 ? "met" : "**missed**"})`),
      row(unpaced, "– (no pacing)"),
      "",
      `Duplicates target 0: ${paced.duplicates + unpaced.duplicates === 0 ? "met" : "**missed**"}. Server RSS < 300 MB: ${Math.max(paced.rss, unpaced.rss) < 300 ? "met" : "**missed**"}.`,
    ],
  );
} finally {
  await simulator.stop();
  await dropScratchDatabase(DB);
}
