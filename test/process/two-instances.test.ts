import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "@server/config";
import type { Database } from "@server/db/client";
import { queryRows } from "@server/db/query-rows";
import { messageLogs, staffUsers } from "@server/db/schema/index";
import { createCtx, createDeps } from "@server/deps";
import { createApiKey } from "@server/domain/api-keys/create-api-key";
import { createLogger } from "@server/logger";
import { projectPath } from "@server/project-path";
import { startSimulator } from "@server/simulator/start-simulator";
import { canary } from "@test/canary";
import { type ServerProcess, spawnServer } from "@test/spawn-server";
import { createTestDatabase, testDbKind } from "@test/test-db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Scale-out: several server processes on one PostgreSQL database, nothing else shared. Needs a real
// server (DATABASE_URL or TEST_DATABASE_URL, as CI sets); on the embedded database these tests are skipped,
// because PGlite is one process by design.

const SECRET = canary("secret");
const PASSWORD = canary("password");
const EMAIL = "ops@hotel.test";

type Sse = { text: () => string; close: () => void };

async function until<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Signs in on `url` and opens its event stream; resolves once the stream is live. */
async function openEvents(url: string): Promise<Sse> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const controller = new AbortController();
  const res = await fetch(`${url}/api/events`, {
    headers: { accept: "text/event-stream", cookie },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  let received = "";
  void (async () => {
    try {
      for await (const chunk of res.body ?? []) received += Buffer.from(chunk).toString();
    } catch {
      // closed
    }
  })();
  await until(
    () => received,
    (r) => r.includes("stream.ready"),
  );
  return { text: () => received, close: () => controller.abort() };
}

async function createKey(database: Database): Promise<string> {
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" }, "/nonexistent");
  const deps = createDeps(config, database, createLogger("silent"));
  const key = await createApiKey(createCtx(deps, { type: "system", job: "two-instance-test" }), {
    name: "two-instance test",
    role: "ADMIN",
  });
  return key.token;
}

async function logIn(url: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  return (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

function postInbound(url: string, text: string, id: string) {
  const body = JSON.parse(
    readFileSync(projectPath("server/src/providers/gupshup/fixtures/v2-message-text.json"), "utf8"),
  ) as { payload: { id: string; payload: { text: string } } };
  body.payload.id = id;
  body.payload.payload.text = text;
  return fetch(`${url}/webhooks/gupshup?token=${SECRET}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe.skipIf(testDbKind() !== "postgres")(
  "two instances on one PostgreSQL (skipped without DATABASE_URL or TEST_DATABASE_URL)",
  () => {
    let database: Database;
    const servers: ServerProcess[] = [];
    const start = async (role: "all" | "web" | "worker", env: Record<string, string> = {}) => {
      const server = await spawnServer(
        {
          DATABASE_URL: database.url ?? "",
          GUPSHUP_WEBHOOK_SECRET: SECRET,
          ADMIN_EMAIL: EMAIL,
          ADMIN_PASSWORD: PASSWORD,
          ...env,
        },
        [`--role=${role}`],
      );
      servers.push(server);
      return server;
    };

    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      for (const server of servers) await server.stop();
      await database?.close();
    });

    it("a webhook received by one instance reaches an SSE client of the other", async () => {
      // One after the other: the first start loads the demo chain and the first admin.
      const a = await start("all");
      const b = await start("all");
      const events = await openEvents(b.url);
      try {
        const text = `two-instance hello ${Date.now()}`;
        expect((await postInbound(a.url, text, `wamid-two-${Date.now()}`)).status).toBe(200);
        await until(
          () => events.text(),
          (t) => t.includes("message.received") && t.includes(text),
        );
      } finally {
        events.close();
      }
      for (const server of servers.splice(0)) expect(await server.stop()).toBe(0);
    }, 180_000);

    it("web and worker split: the worker processes what the web instance stored, and the web's SSE client sees it", async () => {
      const web = await start("web");
      const worker = await start("worker");
      const events = await openEvents(web.url);
      try {
        const text = `split roles hello ${Date.now()}`;
        expect((await postInbound(web.url, text, `wamid-split-${Date.now()}`)).status).toBe(200);
        await until(
          () => events.text(),
          (t) => t.includes("message.received") && t.includes(text),
        );
        const metrics = await (await fetch(`${worker.url}/metrics`)).text();
        expect(metrics).toMatch(
          /commhub_jobs_settled_total\{queue="process-webhook-event",outcome="completed"\} [1-9]/,
        );
      } finally {
        events.close();
      }
      for (const server of servers.splice(0)) expect(await server.stop()).toBe(0);
    }, 180_000);

    it("a photo downloaded by the worker is served by the web instance from PostgreSQL (MEDIA_STORE default), no shared folder", async () => {
      const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(400_000, 7)]);
      const files = http.createServer((req, res) => {
        if (req.url === "/photo.jpg") res.writeHead(200, { "content-type": "image/jpeg" }).end(photo);
        else res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
      const dirs = [
        mkdtempSync(path.join(tmpdir(), "commhub-web-")),
        mkdtempSync(path.join(tmpdir(), "commhub-worker-")),
      ];
      try {
        // Each on its own DATA_DIR: only the database is shared.
        const web = await start("web", { DATA_DIR: dirs[0] ?? "" });
        await start("worker", { DATA_DIR: dirs[1] ?? "" });
        const body = JSON.parse(
          readFileSync(projectPath("server/src/providers/gupshup/fixtures/v2-message-image.json"), "utf8"),
        ) as { payload: { id: string; payload: { url: string } } };
        body.payload.id = `wamid-media-${Date.now()}`;
        body.payload.payload.url = `http://localhost:${(files.address() as AddressInfo).port}/photo.jpg`;
        const posted = await fetch(`${web.url}/webhooks/gupshup?token=${SECRET}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        expect(posted.status).toBe(200);
        const [message] = await until(
          () =>
            database.db.select().from(messageLogs).where(eq(messageLogs.providerMessageId, body.payload.id)),
          (rows) => rows[0]?.mediaStatus === "STORED",
        );
        const cookie = await logIn(web.url);
        const served = await fetch(`${web.url}/api/messages/${message?.id}/media`, { headers: { cookie } });
        expect(served.status).toBe(200);
        expect(served.headers.get("content-type")).toBe("image/jpeg");
        expect(Buffer.from(await served.arrayBuffer()).equals(photo)).toBe(true);
        const part = await fetch(`${web.url}/api/messages/${message?.id}/media`, {
          headers: { cookie, range: "bytes=300000-300009" },
        });
        expect(part.status).toBe(206);
        expect(Buffer.from(await part.arrayBuffer()).equals(photo.subarray(300_000, 300_010))).toBe(true);
        for (const dir of dirs) expect(existsSync(path.join(dir, "media"))).toBe(false);
        for (const server of servers.splice(0)) expect(await server.stop()).toBe(0);
      } finally {
        files.close();
        for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      }
    }, 180_000);

    it("sends queued on both instances are sent once in total (counted at the simulator)", async () => {
      const simulator = await startSimulator({
        delaysMs: { enqueued: 10, sent: 10, delivered: 10, read: 10 },
        knobs: { enforceSessionWindow: false, readReceipts: false },
      });
      try {
        const live = {
          ...simulator.gupshupEnv,
          WHATSAPP_ENFORCE_SESSION_WINDOW: "false",
          SEND_FAST_PATH_MS: "0",
        };
        // The demo staff loaded by the first start still have their printed passwords, which the
        // real Gupshup (here the simulator behind GUPSHUP_API_KEY) refuses to start with.
        await database.db
          .update(staffUsers)
          .set({ isActive: false })
          .where(eq(staffUsers.hasDemoPassword, true));
        const a = await start("all", live);
        const b = await start("all", live);
        simulator.setCallbackUrls({ whatsapp: `${a.url}/webhooks/gupshup?token=${SECRET}` });
        const token = await createKey(database);
        const phones = Array.from({ length: 40 }, (_, i) => `91940${String(i).padStart(6, "0")}1`);
        for (const [i, phone] of phones.entries()) {
          const res = await fetch(`${(i % 2 === 0 ? a : b).url}/api/messages/send`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
            body: JSON.stringify({ phone, message: `Booking ${i} confirmed`, channel: "WHATSAPP" }),
          });
          expect([200, 202]).toContain(res.status);
        }
        const accepted = () => simulator.state.messages.filter((m) => phones.includes(m.destination));
        await until(
          () => new Set(accepted().map((m) => m.destination)).size,
          (n) => n === phones.length,
        );
        // Both instances ran the send queue, and nothing is left to send that could still go out twice.
        await until(
          async () =>
            queryRows<{ n: number }>(
              database.db,
              sql`select count(*)::int as n from message_logs where direction = 'OUTBOUND' and send_state in ('QUEUED', 'SENDING', 'RETRYING')`,
            ),
          (rows) => rows[0]?.n === 0,
        );
        expect(accepted()).toHaveLength(phones.length);
        const sends = simulator
          .requests()
          .filter((r) => r.kind === "whatsapp" && phones.includes(r.destination ?? ""));
        expect(sends).toHaveLength(phones.length);
      } finally {
        for (const server of servers.splice(0)) expect(await server.stop()).toBe(0);
        await simulator.stop();
      }
    }, 180_000);
  },
);
