import { ConfigError, loadConfig } from "@server/config";
import { createDatabase } from "@server/db/client";
import { lockDataDir } from "@server/db/data-dir-lock";
import { runMigrations } from "@server/db/migrate";

// `npm run db:migrate`: applies pending migrations to the configured database and exits.
try {
  const config = loadConfig();
  const unlock = config.db.kind === "pglite" ? lockDataDir(config.dataDir) : () => {};
  const database = await createDatabase(config.db);
  const applied = await runMigrations(database.db);
  await database.close();
  unlock();
  console.log(applied === 0 ? "commhub: database is up to date" : `commhub: applied ${applied} migration(s)`);
} catch (err) {
  const lines =
    err instanceof ConfigError
      ? err.problems.map((p) => `invalid configuration: ${p}`)
      : [String(err instanceof Error ? err.message : err)];
  for (const line of lines) console.error(`commhub: ${line}`);
  process.exit(1);
}
