import { ConfigError, loadConfig, readRawEnv } from "@server/config";
import { type Check, fail, formatChecks, ok } from "./check";
import { checkGupshupEnv } from "./env-checks";
import { checkDatabase, checkProvider, checkWebhookReachable } from "./runtime-checks";

const COVERED = [
  "GUPSHUP_API_KEY",
  "GUPSHUP_APP_NAME",
  "GUPSHUP_SOURCE",
  "GUPSHUP_WEBHOOK_URL",
  "GUPSHUP_WEBHOOK_SECRET",
];

/**
 * `npm run doctor`: the usual setup mistakes as checks. Prints the checklist and returns the exit
 * code (0 = everything passed or was not applicable, 1 = something failed).
 */
export async function runDoctor(
  env: NodeJS.ProcessEnv,
  cwd: string,
  out: (text: string) => void,
): Promise<number> {
  const checks = checkGupshupEnv(readRawEnv(env, cwd));
  const config = readConfig(env, cwd, checks);
  if (config) {
    checks.push(...(await checkDatabase(config)));
    checks.push(await checkProvider(config));
    if (config.providerMode === "gupshup") checks.push(await checkWebhookReachable(config));
  }
  out(formatChecks(checks));
  return checks.some((c) => c.status === "fail") ? 1 : 0;
}

function readConfig(env: NodeJS.ProcessEnv, cwd: string, checks: Check[]) {
  try {
    const config = loadConfig(env, cwd);
    checks.push(ok("configuration", "every variable is valid"));
    return config;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // The Gupshup variables already have their own line and fix above.
    const others = err.problems.filter((p) => !COVERED.some((name) => p.startsWith(name)));
    checks.push(
      others.length > 0
        ? fail("configuration", others.join("; "), "correct the variables named above (see .env.example)")
        : fail("configuration", "the server would refuse to start", "fix the variables marked FAIL above"),
    );
    checks.push(
      fail(
        "database and provider",
        "not checked: the configuration must be valid first",
        "fix the configuration, then run npm run doctor again",
      ),
    );
    return undefined;
  }
}
