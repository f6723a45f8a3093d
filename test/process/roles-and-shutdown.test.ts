import { mkdtempSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase } from "@server/db/client";
import { queryRows } from "@server/db/query-rows";
import { projectPath } from "@server/project-path";
import { canary } from "@test/canary";
import { spawnServer } from "@test/spawn-server";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

// `npm start -- --role=web|worker|all` and SIGTERM, on the real server process (embedded database).

const SECRET = canary("secret");
// Each test starts a server on an empty DATA_DIR (PGlite initdb: tens of seconds on a busy machine).
// spawnServer tells a hung start from a slow one by the child's CPU use; this limit only bounds the rest.
const START_LIMIT_MS = 300_000;
const tempDataDir = () => mkdtempSync(path.join(tmpdir(), "commhub-roles-"));

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Ready = { status: string; checks: Record<string, { ok: boolean; detail?: string }> };
const ready = async (url: string) => (await (await fetch(`${url}/ready`)).json()) as Ready;

function postWebhook(url: string, fixture: string, edit: (body: Record<string, unknown>) => void = () => {}) {
  const body = JSON.parse(
    readFileSync(projectPath(`server/src/providers/gupshup/fixtures/${fixture}`), "utf8"),
  ) as Record<string, unknown>;
  edit(body);
  return fetch(`${url}/webhooks/gupshup?token=${SECRET}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("npm start -- --role", () => {
  it(
    "worker: runs jobs and serves only /health, /ready and /metrics",
    async () => {
      const server = await spawnServer({ DATA_DIR: tempDataDir() }, ["--role=worker"]);
      try {
        expect(server.output()).toContain('"role":"worker"');
        expect((await fetch(`${server.url}/health`)).status).toBe(200);
        const probe = await ready(server.url);
        expect(probe.status).toBe("ready");
        expect(probe.checks.queue?.detail).toMatch(/^job runner running; \d+ due, \d+ running, oldest due/);
        const metrics = await fetch(`${server.url}/metrics`);
        expect(metrics.status).toBe(200);
        expect(await metrics.text()).toContain("commhub_webhook_events_total");
        for (const [method, route] of [
          ["GET", "/api/auth/me"],
          ["GET", "/api/threads"],
          ["POST", "/webhooks/gupshup"],
          ["GET", "/api/docs"],
          ["GET", "/"],
        ] as const)
          expect([route, (await fetch(`${server.url}${route}`, { method })).status]).toEqual([route, 404]);
      } finally {
        expect(await server.stop()).toBe(0);
      }
    },
    START_LIMIT_MS,
  );

  it(
    "web: stores webhooks but runs no jobs; /ready says so and shows the backlog",
    async () => {
      const server = await spawnServer({ DATA_DIR: tempDataDir(), GUPSHUP_WEBHOOK_SECRET: SECRET }, [
        "--role=web",
      ]);
      try {
        expect(server.output()).toContain('"role":"web"');
        const before = await ready(server.url);
        expect(before.status).toBe("ready");
        expect(before.checks.queue?.detail).toMatch(/^no job runner in this process \(role web\)/);
        expect((await postWebhook(server.url, "v2-message-text.json")).status).toBe(200);
        const after = await until(
          () => ready(server.url),
          (r) => /; [1-9]\d* due/.test(r.checks.queue?.detail ?? ""),
        );
        expect(after.status).toBe("ready");
      } finally {
        expect(await server.stop()).toBe(0);
      }
    },
    START_LIMIT_MS,
  );
});

describe("SIGTERM", () => {
  it(
    "closes SSE streams, hands an in-flight job back to the queue, and exits 0",
    async () => {
      // A media host that takes the request and never answers: the fetch-inbound-media job hangs on it.
      const hanging: http.ServerResponse[] = [];
      const mediaHost = http.createServer((_req, res) => hanging.push(res));
      await new Promise<void>((resolve) => mediaHost.listen(0, "127.0.0.1", resolve));
      const mediaUrl = `http://127.0.0.1:${(mediaHost.address() as AddressInfo).port}/m/1.jpg`;
      const dataDir = tempDataDir();
      const password = canary("password");
      const server = await spawnServer({
        DATA_DIR: dataDir,
        GUPSHUP_WEBHOOK_SECRET: SECRET,
        ADMIN_EMAIL: "ops@hotel.test",
        ADMIN_PASSWORD: password,
      });
      try {
        const login = await fetch(`${server.url}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "ops@hotel.test", password }),
        });
        expect(login.status).toBe(200);
        const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
        const events = await fetch(`${server.url}/api/events`, {
          headers: { accept: "text/event-stream", cookie },
        });
        expect(events.status).toBe(200);
        let received = "";
        const streamEnded = (async () => {
          for await (const chunk of events.body ?? []) received += Buffer.from(chunk).toString();
          return true;
        })();
        await until(
          async () => received,
          (r) => r.includes("stream.ready"),
        );

        const posted = await postWebhook(server.url, "v2-message-image.json", (body) => {
          const payload = body.payload as { payload: { url: string } };
          payload.payload.url = mediaUrl;
        });
        expect(posted.status).toBe(200);
        await until(
          async () => hanging.length,
          (n) => n > 0,
        );

        expect(await server.stop("SIGTERM")).toBe(0);
        expect(await streamEnded).toBe(true);
        expect(server.output()).toContain('"signal":"SIGTERM"');
      } finally {
        await server.stop();
        for (const res of hanging) res.destroy();
        await new Promise((resolve) => mediaHost.close(resolve));
      }

      const database = await createDatabase({ kind: "pglite", dir: path.join(dataDir, "pglite") });
      try {
        const rows = await queryRows<{ status: string; locked_by: string | null; last_error: string | null }>(
          database.db,
          sql`select status, locked_by, last_error from jobs where queue = 'fetch-inbound-media'`,
        );
        expect(rows).toEqual([{ status: "QUEUED", locked_by: null, last_error: "stopped during shutdown" }]);
      } finally {
        await database.close();
      }
    },
    START_LIMIT_MS,
  );
});
