import { type Config, loadConfig } from "@server/config";
import type { Actor, Ctx } from "@server/context";
import type { Database } from "@server/db/client";
import { createCtx, createDeps, type Deps, type DepsOptions } from "@server/deps";
import { createApiKey } from "@server/domain/api-keys/create-api-key";
import { type App, buildApp } from "@server/http/app";
import { createLogger } from "@server/logger";
import { captureStream } from "./log-capture";
import { createTestDatabase } from "./test-db";

export type TestEnv = Record<string, string | undefined>;

/**
 * Config as the app would read it, from a clean environment plus the test's overrides. Logs go to the
 * run's log capture at debug level (scanned for leaks after the run), or to the console at
 * TEST_LOG_LEVEL when that is set.
 */
export function testConfig(env: TestEnv = {}): Config {
  const level = process.env.TEST_LOG_LEVEL ?? (captureStream() ? "debug" : "silent");
  return loadConfig({ NODE_ENV: "test", LOG_LEVEL: level, ...env }, "/nonexistent");
}

export type TestHarness = {
  database: Database;
  deps: Deps;
  ctx: (actor?: Actor) => Ctx;
  close: () => Promise<void>;
};

/** Deps over a fresh migrated database, for testing domain verbs directly. */
export async function createTestHarness(env: TestEnv = {}, options: DepsOptions = {}): Promise<TestHarness> {
  const config = testConfig(env);
  const database = await createTestDatabase();
  const deps = createDeps(config, database, createLogger(config.logLevel, captureStream()), options);
  return {
    database,
    deps,
    ctx: (actor = { type: "system" }) => createCtx(deps, actor),
    close: () => database.close(),
  };
}

export type TestApp = TestHarness & { app: App };

/** The real HTTP app over a fresh database; drive it with app.inject() or listen on port 0. */
export async function buildTestApp(env: TestEnv = {}, options: DepsOptions = {}): Promise<TestApp> {
  const harness = await createTestHarness(env, options);
  const app = await buildApp(harness.deps);
  return {
    ...harness,
    app,
    close: async () => {
      await app.close();
      await harness.close();
    },
  };
}

/** Headers of a fresh API key with this role, limited to these property codes (admins see all). */
export async function apiKeyHeaders(
  harness: TestHarness,
  role: "ADMIN" | "MANAGER" | "AGENT" = "ADMIN",
  propertyCodes: string[] = [],
): Promise<{ authorization: string }> {
  const key = await createApiKey(harness.ctx(), { name: `test ${role}`, role, propertyCodes });
  return { authorization: `Bearer ${key.token}` };
}
