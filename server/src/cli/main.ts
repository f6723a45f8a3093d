import { ConfigError, loadConfig } from "@server/config";
import { createDatabase } from "@server/db/client";
import { lockDataDir } from "@server/db/data-dir-lock";
import { runMigrations } from "@server/db/migrate";
import { createDeps } from "@server/deps";
import { createLogger } from "@server/logger";
import type { CliIo } from "./cli-io";
import { runCli } from "./run-cli";

// `npm run cli -- <command>`: the same configuration and database as the server. Logs go to stderr, so
// stdout carries only the command's own output (its last line is what scripts read).
const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  openDeps: async () => {
    const config = loadConfig();
    const log = createLogger(config.logLevel === "info" ? "warn" : config.logLevel, process.stderr);
    let unlock = () => {};
    if (config.db.kind === "pglite") {
      try {
        unlock = lockDataDir(config.dataDir);
      } catch (err) {
        throw new Error(
          `${err instanceof Error ? err.message : String(err)}.\nThe embedded database can be opened by one process only: stop the server, run the command, start the server again (or run both on PostgreSQL with DATABASE_URL).`,
        );
      }
    }
    try {
      const database = await createDatabase(config.db, log);
      await runMigrations(database.db);
      return {
        deps: createDeps(config, database, log),
        close: async () => {
          await database.close();
          unlock();
        },
      };
    } catch (err) {
      unlock();
      throw err;
    }
  },
};

runCli(process.argv.slice(2), io)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    if (err instanceof ConfigError) {
      for (const problem of err.problems)
        process.stderr.write(`commhub: invalid configuration: ${problem}\n`);
    } else process.stderr.write(`commhub cli: ${String(err)}\n`);
    process.exitCode = 1;
  });
