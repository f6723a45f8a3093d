import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { createLogger, scrubLine } from "@server/logger";
import { projectPath } from "@server/project-path";
import { canary } from "@test/canary";
import { assertNoLeaks, findLeaks } from "@test/log-leaks";
import { describe, expect, it, vi } from "vitest";

// Scenario 23: every test app logs (debug level, through the real scrubbing logger) into a capture that
// the global teardown scans; any leak fails the run. These tests show the scan catches what it must,
// passes what the logger produces, and that a leak really turns the run red.

describe("the leak scan", () => {
  it.each([
    ['{"msg":"sent to 919876543210"}', "phone number"],
    ['{"to":+14155551234}', "phone number"],
    ['{"msg":"guest +91 98765 43210"}', "formatted phone number"],
    [`{"msg":"${canary("body")}"}`, "test canary (message body, password or secret)"],
    ['{"key":"chk_abcdefghijklmnopqrstuvwx"}', "API key"],
    ['{"cookie":"chs_abcdefghijklmnopqrstuvwx"}', "session token"],
    ['{"msg":"Authorization: Bearer abcdef123456"}', "bearer credential"],
    ['{"req":{"headers":{"authorization":"Basic eDp5"}}}', "authorization header"],
    ['{"url":"/webhooks/gupshup?token=s3cret-value"}', "webhook token in a URL"],
    ['{"user":{"hash":"$argon2id$v=19$m=19456"}}', "password hash"],
  ])("catches %s", (line, pattern) => {
    expect(findLeaks(line).map((l) => l.pattern)).toContain(pattern);
  });

  it("recognises every canary after the logger's phone masking (a half-masked one would slip through)", () => {
    for (let i = 0; i < 1000; i++) {
      const line = `{"msg":"${canary("body")}"}`;
      expect(findLeaks(scrubLine(line)).map((l) => l.pattern)).toContain(
        "test canary (message body, password or secret)",
      );
    }
  });

  it("passes what a well-behaved app logs: masked numbers, ids, timings, redactions", () => {
    const clean = [
      '{"level":30,"time":"2026-11-25T12:00:00.000Z","pid":123,"reqId":"4286de86-cac9-44d2-b3ed-501a7af14999"}',
      '{"res":{"statusCode":200},"responseTime":7.954831000000013,"to":"9198******10"}',
      '{"req":{"headers":{"authorization":"[redacted]"}},"prefix":"chk_Ab12Cd34"}',
    ];
    expect(findLeaks(clean.join("\n"))).toEqual([]);
  });
});

describe("the real logger into a capture", () => {
  it("leaves nothing for the scan to find, until something is logged in clear", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "commhub-capture-"));
    const out = new PassThrough();
    const lines: string[] = [];
    out.on("data", (chunk) => lines.push(chunk.toString()));
    const log = createLogger("debug", out);
    const body = canary("body");
    log.info({ payload: { text: body, phone: "919876543210" }, text: body }, "inbound from +91 98765 43210");
    log.info(
      {
        req: {
          method: "POST",
          url: "/webhooks/gupshup?token=abcdef123",
          headers: { authorization: "Bearer x" },
        },
      },
      "webhook",
    );
    log.info(
      {
        password: canary("password"),
        token: "chs_abcdefghijklmnopqrstuvwx",
        apiKey: "chk_abcdefghijklmnopqrstuvwx",
      },
      "login",
    );
    // Lines arrive in order: once the last one is there, the scan sees them all.
    await vi.waitFor(() => expect(lines.join("")).toContain('"msg":"login"'));
    writeFileSync(path.join(dir, "clean.log"), lines.join(""));
    expect(() => assertNoLeaks(dir)).not.toThrow();

    log.info(`guest wrote: ${body}`);
    await vi.waitFor(() => expect(lines.join("")).toContain("guest wrote"));
    writeFileSync(path.join(dir, "leaky.log"), lines.join(""));
    expect(() => assertNoLeaks(dir)).toThrow(/leaky\.log:\d+ test canary/);
  });
});

describe("a leak in any test", () => {
  it("fails the whole Vitest run (non-zero exit), naming the leak", async () => {
    const logDir = mkdtempSync(path.join(tmpdir(), "commhub-leak-run-"));
    const child = spawn(
      process.execPath,
      [
        projectPath("node_modules/vitest/vitest.mjs"),
        "run",
        "--config",
        "test/security/fixtures/vitest.config.ts",
      ],
      {
        cwd: projectPath(),
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "/root",
          TEST_LOG_DIR: logDir,
          CI: "true",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk) => {
      output += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(output).toContain("1 passed");
    expect(output).toMatch(/log capture: 1 leak\(s\)/);
    expect(code).toBe(1);
    expect(readdirSync(logDir).some((f) => f.startsWith("worker-"))).toBe(true);
  }, 90_000);
});
