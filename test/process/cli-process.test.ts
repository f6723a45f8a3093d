import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { projectPath } from "@server/project-path";
import { exitCodeAfterOutput } from "@test/child-exit";
import { captureChildOutput } from "@test/log-capture";
import { spawnServer } from "@test/spawn-server";
import { describe, expect, it } from "vitest";

// The CLI as scripts run it: `npm run cli -- …` on the embedded database, next to the real server.
async function npmCli(env: Record<string, string>, ...args: string[]) {
  const child = spawn("npm", ["run", "cli", "--", ...args], {
    cwd: projectPath(),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk.toString();
  });
  const code = await exitCodeAfterOutput(child);
  // stdout is the command's answer (it holds the new key on purpose); stderr is log output.
  captureChildOutput("cli", stderr);
  return { code, stdout, stderr };
}

describe("npm run cli", () => {
  it("creates an API key on an empty database (last line = key), and refuses to share the embedded database with a running server", async () => {
    const env = { DATA_DIR: mkdtempSync(path.join(tmpdir(), "commhub-cli-")) };
    const created = await npmCli(env, "api-key", "create", "--name", "booking", "--role", "ADMIN");
    expect(created.code).toBe(0);
    const key = created.stdout.trimEnd().split("\n").at(-1) ?? "";
    expect(key).toMatch(/^chk_[\w-]{43}$/);

    const server = await spawnServer(env);
    try {
      const me = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${key}` } });
      expect(me.status).toBe(200);
      // No user existed, so the server still made the first admin.
      expect(server.output()).toContain("created the first administrator");

      const busy = await npmCli(env, "api-key", "list");
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain("is in use by another commhub process");
      expect(busy.stderr).toContain("stop the server");
    } finally {
      expect(await server.stop()).toBe(0);
    }

    const bad = await npmCli(env, "api-key", "create", "--role", "AGENT");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--name is required");
  }, 90_000);
});
