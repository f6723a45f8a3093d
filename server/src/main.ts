import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { type Config, ConfigError, loadConfig } from "@server/config";
import { systemActor } from "@server/context";
import { createDatabase } from "@server/db/client";
import { lockDataDir } from "@server/db/data-dir-lock";
import { runMigrations } from "@server/db/migrate";
import { databaseReadinessChecks } from "@server/db/readiness";
import { createCtx, createDeps } from "@server/deps";
import { ensureFirstAdmin, type FirstAdmin } from "@server/domain/auth/ensure-first-admin";
import { demoAccountsNotice } from "@server/domain/demo/demo-accounts-notice";
import { listAccountsOnDemoPassword } from "@server/domain/demo/list-accounts-on-demo-password";
import { loadDemoDataIfEmpty } from "@server/domain/demo/load-demo-data-if-empty";
import { shareConversationsWithSimulator } from "@server/domain/demo/share-conversations-with-simulator";
import { buildApp } from "@server/http/app";
import { allJobs, recurringJobs } from "@server/jobs/registry";
import { createLogger } from "@server/logger";
import { loopbackUrl, startProviderRuntime } from "@server/provider-runtime";
import { JobRunner } from "@server/queue/job-runner";
import { queueReadinessCheck } from "@server/queue/queue-readiness";
import { startRecurringJobs } from "@server/queue/recurring-jobs";
import { startCrossInstanceRelay } from "@server/realtime/cross-instance-relay";

type Role = "web" | "worker" | "all";

function readConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems) console.error(`commhub: invalid configuration: ${problem}`);
    process.exit(1);
  }
}

function readRole(): Role {
  const { values } = parseArgs({ options: { role: { type: "string", default: "all" } }, strict: false });
  const role = values.role;
  if (role === "web" || role === "worker" || role === "all") return role;
  console.error(`commhub: invalid --role=${String(role)}: expected web, worker or all`);
  process.exit(1);
}

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const role = readRole();
  const log = createLogger(config.logLevel);
  const unlock = config.db.kind === "pglite" ? lockDataDir(config.dataDir) : () => {};

  const database = await createDatabase(config.db, log);
  const applied = await runMigrations(database.db);
  if (applied > 0) log.info({ applied }, "database migrations applied");

  const runtime = await startProviderRuntime(config);
  if (runtime.simulator) {
    log.info(
      { simulatorUrl: runtime.simulator.url },
      `simulator mode (no GUPSHUP_API_KEY): Gupshup simulator listening on ${runtime.simulator.url}`,
    );
  }
  const deps = createDeps(config, database, log, {
    providers: runtime.providers,
    webhookSecret: runtime.webhookSecret,
    simulatorUrl: runtime.simulator?.url,
  });
  deps.readiness.push(...databaseReadinessChecks(database));
  // Demo passwords were printed to a terminal (and maybe a chat): never let them near real guests.
  if (config.providerMode === "gupshup") {
    const demo = await listAccountsOnDemoPassword(createCtx(deps, systemActor("first-start")));
    if (demo.length > 0) {
      console.error(
        `commhub: refusing to start against the real Gupshup: demo accounts still have their first password (${demo.join(", ")}); for each, run \`npm run cli -- user deactivate --email EMAIL\` (or \`user reset-password --email EMAIL\`), then start again`,
      );
      await runtime.stop();
      await database.close();
      unlock();
      process.exit(1);
    }
  }
  if (!deps.webhookSecret) {
    log.warn("GUPSHUP_WEBHOOK_SECRET is not set: /webhooks/gupshup accepts callbacks from anyone");
  }
  // Before the demo data, whose staff would otherwise count as "users exist".
  const firstAdmin = await ensureFirstAdmin(createCtx(deps, systemActor("first-start")), config.admin);
  const demoAccounts =
    config.providerMode === "simulator"
      ? await loadDemoDataIfEmpty(createCtx(deps, systemActor("seed-demo")))
      : undefined;
  if (demoAccounts)
    log.info("empty database in simulator mode: loaded the demo hotel chain (npm run seed:demo)");
  if (runtime.simulator) {
    const told = await shareConversationsWithSimulator(
      createCtx(deps, systemActor("simulator")),
      runtime.simulator,
    );
    if (told > 0) log.info({ guests: told }, "told the simulator which guests' WhatsApp windows are open");
  }

  const stopRelay = await startCrossInstanceRelay(deps);
  const runner = new JobRunner(deps);
  for (const job of allJobs(deps)) runner.register(job);
  let stopRecurring = () => {};
  if (role !== "web") {
    runner.start();
    stopRecurring = startRecurringJobs(deps, recurringJobs(deps.config.slaSweepMs));
  }
  deps.readiness.push(queueReadinessCheck(deps, role === "web" ? undefined : runner));

  // A worker serves only the probes (/health, /ready, /metrics); web and all serve everything.
  const app = await buildApp(deps, { routes: role === "worker" ? "probes" : "all" });
  const url = await app.listen({ port: config.http.port, host: config.http.host });
  const callbacks = runtime.connectCallbacks(loopbackUrl(app.server.address() as AddressInfo));
  if (callbacks) {
    // The token is part of the URL; log the path only.
    log.info(
      { callbackUrl: callbacks.whatsapp.split("?")[0], smsCallbackUrl: callbacks.sms.split("?")[0] },
      `simulator callbacks go to ${callbacks.whatsapp.split("?")[0]}, authenticated with the webhook secret`,
    );
  }
  announceFirstAdmin(firstAdmin, url, log);
  // Past the logger, like the first administrator's password: log shipping must not keep them.
  if (demoAccounts?.length) console.log(demoAccountsNotice(demoAccounts));
  const where =
    config.db.kind === "pglite" ? `embedded PGlite in ${config.db.dir}` : "PostgreSQL (DATABASE_URL)";
  log.info(
    { url, role, provider: config.providerMode },
    `commhub ${role} listening on ${url} — database: ${where}; provider: ${config.providerMode}`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    stopRecurring();
    await runner.stop();
    await stopRelay();
    await runtime.stop();
    await database.close();
    unlock();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

// The generated password goes to the console once, past the logger: log shipping must not keep it.
function announceFirstAdmin(admin: FirstAdmin, url: string, log: ReturnType<typeof createLogger>): void {
  if (!admin.created) return;
  if (!admin.generatedPassword) {
    log.info({ email: admin.email }, "first administrator created from ADMIN_EMAIL / ADMIN_PASSWORD");
    return;
  }
  const signIn = `${url.replace("://0.0.0.0", "://localhost").replace("://[::]", "://localhost")}/admin/communication-hub`;
  console.log(
    [
      "",
      "commhub: created the first administrator. This password is shown once; write it down.",
      `  email:    ${admin.email}`,
      `  password: ${admin.generatedPassword}`,
      `  sign in:  ${signIn}`,
      `  change it with: npm run cli -- user reset-password --email ${admin.email}`,
      "",
    ].join("\n"),
  );
}

main().catch((err) => {
  console.error("commhub: failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
