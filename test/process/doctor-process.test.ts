import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { projectPath } from "@server/project-path";
import { type SimulatorHandle, startSimulator } from "@server/simulator/start-simulator";
import { exitCodeAfterOutput } from "@test/child-exit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `npm run doctor` as an integrator runs it, one process per configuration. Its stdout is the command's
// answer (a checklist naming variables and fixes), not log output, so it is not put through the leak scan.
async function doctor(env: Record<string, string>) {
  const child = spawn("npm", ["run", "-s", "doctor"], {
    cwd: projectPath(),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk) => {
    output += chunk.toString();
  });
  const code = await exitCodeAfterOutput(child);
  return { code, output };
}

/** The checklist line of one check and the fix printed under it. */
function lineOf(output: string, name: string): string {
  const lines = output.split("\n");
  const at = lines.findIndex(
    (l) => /^\[\w+\] +/.test(l) && l.replace(/^\[\w+\] +/, "").startsWith(`${name}:`),
  );
  if (at === -1) throw new Error(`no line for ${name} in:\n${output}`);
  const next = lines[at + 1] ?? "";
  return next.trimStart().startsWith("fix:") ? `${lines[at]}\n${next}` : (lines[at] ?? "");
}

let migratedDir: string;
let simulator: SimulatorHandle;
let live: Record<string, string>;

beforeAll(async () => {
  migratedDir = mkdtempSync(path.join(tmpdir(), "commhub-doctor-"));
  const database = await createDatabase({ kind: "pglite", dir: path.join(migratedDir, "pglite") });
  await runMigrations(database.db);
  await database.close();
  simulator = await startSimulator({ port: 0 });
  // A complete live configuration, with the simulator standing in for api.gupshup.io.
  live = {
    DATA_DIR: migratedDir,
    GUPSHUP_API_KEY: simulator.apiKey,
    GUPSHUP_APP_NAME: simulator.appName,
    GUPSHUP_SOURCE: simulator.source,
    GUPSHUP_API_BASE_URL: simulator.url,
    GUPSHUP_WEBHOOK_URL: "https://127.0.0.1:59999/webhooks/gupshup",
    GUPSHUP_WEBHOOK_SECRET: "s3cret-s3cret-s3cret",
    GUPSHUP_TIMEOUT_MS: "5000",
  };
}, 120_000);
afterAll(() => simulator?.stop());

describe("npm run doctor", () => {
  it("passes on a migrated embedded database in simulator mode", async () => {
    const { code, output } = await doctor({ DATA_DIR: migratedDir });
    expect(output).toContain("all checks passed");
    expect(lineOf(output, "migrations")).toContain("[ok]");
    expect(lineOf(output, "provider authentication")).toContain("simulator mode");
    expect(code).toBe(0);
  }, 120_000);

  it("authenticates to Gupshup with the template list, and says the webhook URL is unreachable", async () => {
    const { code, output } = await doctor(live);
    for (const name of ["GUPSHUP_API_KEY", "GUPSHUP_SOURCE", "GUPSHUP_WEBHOOK_URL", "GUPSHUP_WEBHOOK_SECRET"])
      expect(lineOf(output, name)).toMatch(/^\[ok\]/);
    expect(lineOf(output, "provider authentication")).toMatch(/^\[ok\].*accepted the API key: \d+ templates/);
    expect(lineOf(output, "webhook URL reachable")).toMatch(/\[FAIL\][\s\S]*fix: make the URL reachable/);
    expect(code).toBe(1);
  }, 120_000);

  it("catches each mistake of the Troubleshooting list with its fix", async () => {
    const { code, output } = await doctor({
      ...live,
      GUPSHUP_API_KEY: ` ${simulator.apiKey} `,
      GUPSHUP_SOURCE: "+91 78348 11114",
      GUPSHUP_WEBHOOK_URL: "http://hub.example.com/webhooks/gupshup",
      GUPSHUP_WEBHOOK_SECRET: "",
    });
    expect(code).toBe(1);
    expect(lineOf(output, "GUPSHUP_API_KEY")).toMatch(/\[FAIL\] .*spaces[\s\S]*fix: .*no spaces/);
    expect(lineOf(output, "GUPSHUP_SOURCE")).toMatch(/\[FAIL\] .*starts with \+[\s\S]*fix: drop the \+/);
    expect(lineOf(output, "GUPSHUP_WEBHOOK_URL")).toMatch(/\[FAIL\] .*not https[\s\S]*fix: .*https/);
    expect(lineOf(output, "GUPSHUP_WEBHOOK_SECRET")).toMatch(/\[FAIL\] .*not set[\s\S]*fix: .*\?token=/);
    expect(lineOf(output, "configuration")).toContain("[FAIL]");

    const more = await doctor({
      ...live,
      GUPSHUP_SOURCE: "7834811114x",
      GUPSHUP_WEBHOOK_URL: "https://hub.example.com/api/gupshup",
    });
    expect(lineOf(more.output, "GUPSHUP_SOURCE")).toMatch(
      /\[FAIL\] .*other than digits[\s\S]*fix: write digits/,
    );
    expect(lineOf(more.output, "GUPSHUP_WEBHOOK_URL")).toMatch(
      /\[FAIL\] .*path is "\/api\/gupshup"[\s\S]*fix: .*\/webhooks\/gupshup/,
    );
  }, 120_000);

  it("says when Gupshup rejects the API key", async () => {
    const { code, output } = await doctor({ ...live, GUPSHUP_API_KEY: "not-the-key" });
    expect(code).toBe(1);
    expect(lineOf(output, "GUPSHUP_API_KEY")).toMatch(/^\[ok\]/);
    expect(lineOf(output, "provider authentication")).toMatch(
      /\[FAIL\] .*rejected the API key[\s\S]*fix: copy the API key again/,
    );
  }, 120_000);

  it("reports an unreachable database and unapplied migrations with their fixes", async () => {
    const down = await doctor({ DATABASE_URL: "postgres://commhub@127.0.0.1:9/commhub" });
    expect(down.code).toBe(1);
    expect(lineOf(down.output, "database")).toMatch(/\[FAIL\][\s\S]*fix: check DATABASE_URL/);

    const fresh = await doctor({ DATA_DIR: mkdtempSync(path.join(tmpdir(), "commhub-doctor-")) });
    expect(fresh.code).toBe(1);
    expect(lineOf(fresh.output, "migrations")).toMatch(
      /\[FAIL\] .*\d+ migrations not applied[\s\S]*fix: run `npm run db:migrate`/,
    );
  }, 120_000);
});
