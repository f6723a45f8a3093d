import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { projectPath } from "@server/project-path";
import { parseGupshupWebhook } from "@server/providers/gupshup/gupshup-webhook";
import { createGupshupWhatsappProvider } from "@server/providers/gupshup/gupshup-whatsapp";
import { SIMULATOR_DEFAULTS } from "@server/simulator/simulator-options";
import type { CallbackRecord } from "@server/simulator/simulator-state";
import { startCallbackReceiver } from "@test/callback-receiver";
import { spawnServer } from "@test/spawn-server";
import { describe, expect, it } from "vitest";

const whatsappAt = (baseUrl: string, apiKey = SIMULATOR_DEFAULTS.apiKey) =>
  createGupshupWhatsappProvider({
    apiKey,
    appName: SIMULATOR_DEFAULTS.appName,
    source: SIMULATOR_DEFAULTS.source,
    baseUrl,
    timeoutMs: 5000,
  });
const template = {
  type: "template" as const,
  to: "919812345678",
  templateId: "6b1f7a52-2f0c-4c38-9a57-3c9d1f0e8a01",
  params: ["Asha", "B-42", "Hotel Sea View", "12 March"],
};

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("npm start in simulator mode (no GUPSHUP_API_KEY)", () => {
  it("starts the simulator, logs its URL, and its callbacks for a sent message reach the app's own webhook URL", async () => {
    const server = await spawnServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), "commhub-sim-")) });
    try {
      expect(server.output()).toContain("simulator mode (no GUPSHUP_API_KEY)");
      const simulatorUrl = /"simulatorUrl":"(http:\/\/[^"]+)"/.exec(server.output())?.[1] ?? "";
      expect(simulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await fetch(`${simulatorUrl}/simulator/knobs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          callbackRetries: 0,
          delaysMs: { enqueued: 0, sent: 0, delivered: 0, read: 0 },
        }),
      });

      const result = await whatsappAt(simulatorUrl).send(template);
      expect(result).toMatchObject({ kind: "accepted" });
      const id = result.kind === "accepted" ? result.providerMessageId : "";
      const callbacks = await until(
        async () => {
          const res = await fetch(`${simulatorUrl}/simulator/callbacks`);
          const body = (await res.json()) as { callbacks: CallbackRecord[] };
          return body.callbacks.filter((c) => c.messageId === id);
        },
        (mine) => mine.length >= 4,
      );
      expect(callbacks.map((c) => c.event)).toEqual(["enqueued", "sent", "delivered", "read"]);
      for (const c of callbacks) {
        expect(c.url).toMatch(new RegExp(`^${server.url}/webhooks/gupshup\\?token=[\\w-]{32,}$`));
        expect(c.status).toEqual(expect.any(Number)); // the app's HTTP listener answered
        expect(parseGupshupWebhook({ rawBody: c.body })[0]).toMatchObject({
          kind: "status",
          providerMessageId: id,
        });
      }
      // The secret travels in the callback URL only, never in the log.
      const token = new URL(callbacks[0]?.url ?? "http://x").searchParams.get("token") ?? "missing";
      expect(server.output()).not.toContain(token);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    // A server start on a shared machine under a full parallel suite can take tens of seconds.
  }, 90_000);
});

function startCli(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", projectPath("server/src/simulator/simulator-cli.ts"), ...args],
    {
      cwd: projectPath(),
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator CLI did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`simulator CLI exited with ${code}:\n${output}`)));
  });
}

const stopCli = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });

describe("npm run simulator", () => {
  it("accepts only the default key and delivers to any number without --sandbox", async () => {
    const receiver = await startCallbackReceiver();
    const cli = await startCli([
      "--port",
      "0",
      "--callback-url",
      `${receiver.url}/webhooks/gupshup`,
      "--delay-ms",
      "0",
      "--quiet",
    ]);
    try {
      expect(await whatsappAt(cli.url, "another-key").send(template)).toMatchObject({ code: "AUTH_FAILED" });
      const result = await whatsappAt(cli.url).send(template);
      expect(result.kind).toBe("accepted");
      await receiver.waitFor((r) => r.length >= 4, 15_000);
      const words = receiver.received.flatMap((r) => parseGupshupWebhook({ rawBody: r.body }));
      expect(words.map((e) => e.kind === "status" && e.providerStatus)).toEqual([
        "enqueued",
        "sent",
        "delivered",
        "read",
      ]);
    } finally {
      expect(await stopCli(cli.child)).toBe(0);
      await receiver.close();
    }
  });

  it("takes --api-key and --sandbox: other keys get 401, numbers that did not opt in fail with 1008", async () => {
    const receiver = await startCallbackReceiver();
    const cli = await startCli([
      "--port",
      "0",
      "--callback-url",
      `${receiver.url}/webhooks/gupshup`,
      "--api-key",
      "my-key",
      "--sandbox",
      "--delay-ms",
      "0",
      "--quiet",
    ]);
    try {
      expect(await whatsappAt(cli.url).send(template)).toMatchObject({
        kind: "rejected",
        code: "AUTH_FAILED",
      });
      expect(await whatsappAt(cli.url, "my-key").send(template)).toMatchObject({ kind: "accepted" });
      await receiver.waitFor((r) => r.length >= 1, 15_000);
      expect(parseGupshupWebhook({ rawBody: receiver.received[0]?.body ?? "" })).toMatchObject([
        { kind: "status", providerStatus: "failed", error: { code: "1008" } },
      ]);
    } finally {
      expect(await stopCli(cli.child)).toBe(0);
      await receiver.close();
    }
  });
});
