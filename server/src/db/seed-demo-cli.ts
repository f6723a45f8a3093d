import { ConfigError, loadConfig } from "@server/config";
import { systemActor } from "@server/context";
import { createDatabase } from "@server/db/client";
import { lockDataDir } from "@server/db/data-dir-lock";
import { runMigrations } from "@server/db/migrate";
import { createCtx, createDeps } from "@server/deps";
import { demoAccountsNotice } from "@server/domain/demo/demo-accounts-notice";
import { seedDemo } from "@server/domain/demo/seed-demo";
import { createLogger } from "@server/logger";

// `npm run seed:demo`: loads the demo chain into the configured database (idempotent).
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const unlock = config.db.kind === "pglite" ? lockDataDir(config.dataDir) : () => {};
  const database = await createDatabase(config.db, log);
  try {
    await runMigrations(database.db);
    const deps = createDeps(config, database, log);
    const { steps, accounts } = await seedDemo(createCtx(deps, systemActor("seed-demo")));
    log.info({ steps }, steps ? "demo data loaded" : "demo data already present; nothing added");
    if (accounts.length) console.log(demoAccountsNotice(accounts));
  } finally {
    await database.close();
    unlock();
  }
}

main().catch((err) => {
  if (err instanceof ConfigError)
    for (const problem of err.problems) console.error(`commhub: invalid configuration: ${problem}`);
  else console.error("commhub: seeding failed:", err instanceof Error ? err.message : err);
  process.exit(1);
});
