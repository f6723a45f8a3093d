import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, type Database } from "@server/db/client";
import { queryRows } from "@server/db/query-rows";
import { jobs, messageLogs, webhookEvents } from "@server/db/schema/index";
import { canary } from "@test/canary";
import { spawnServer } from "@test/spawn-server";
import { createTestDatabase, testDbKind } from "@test/test-db";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

// docs/RELIABILITY.md scenario 5: the real server stores a callback and dies (kill -9) before anything processed it.
// `--role=web` stores and acknowledges but runs no jobs, which pins the crash between store and process.

const secret = canary("secret");
const admin = { email: "admin@crash.test", password: canary("password") };
const callback = JSON.stringify({
  app: "DemoApp",
  timestamp: 1_764_000_000_000,
  version: 2,
  type: "message",
  payload: {
    id: "wamid.crash-1",
    source: "919812340055",
    type: "text",
    payload: { text: "Anyone there?" },
    sender: { phone: "919812340055" },
  },
});

/** The database the servers use, and a way to look inside it while no server holds it (PGlite). */
async function databaseUnderTest(): Promise<{
  env: Record<string, string>;
  open: () => Promise<Database>;
  done: () => Promise<void>;
}> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "commhub-crash-"));
  if (testDbKind() === "pglite") {
    return {
      env: { DATA_DIR: dataDir },
      open: () => createDatabase({ kind: "pglite", dir: path.join(dataDir, "pglite") }),
      done: async () => {},
    };
  }
  const database = await createTestDatabase();
  const [row] = await queryRows<{ db: string }>(database.db, sql`select current_database() as db`);
  const url = new URL(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "");
  url.pathname = `/${row?.db}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    open: async () => ({ ...database, close: async () => {} }),
    done: () => database.close(),
  };
}

async function processedThroughApi(baseUrl: string): Promise<boolean> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(admin),
  });
  const cookie = String(login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}/api/webhook-events?status=processed`, { headers: { cookie } });
    const body = (await res.json()) as { events?: Array<{ dedupeKey: string }> };
    if (body.events?.some((e) => e.dedupeKey === "msg:wamid.crash-1")) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe("a crash between storing a callback and processing it", () => {
  it("processes the stored callback exactly once after a restart", async () => {
    const db = await databaseUnderTest();
    const env = {
      ...db.env,
      GUPSHUP_WEBHOOK_SECRET: secret,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    };
    try {
      const web = await spawnServer(env, ["--role=web"]);
      const res = await fetch(`${web.url}/webhooks/gupshup?token=${secret}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: callback,
      });
      expect(res.status).toBe(200);
      await web.stop("SIGKILL");

      let inside = await db.open();
      expect(
        await inside.db.select().from(webhookEvents).where(eq(webhookEvents.dedupeKey, "msg:wamid.crash-1")),
      ).toMatchObject([{ status: "RECEIVED", attempts: 0 }]);
      expect(
        await inside.db.select().from(jobs).where(eq(jobs.queue, "process-webhook-event")),
      ).toMatchObject([{ status: "QUEUED" }]);
      expect(
        await inside.db.select().from(messageLogs).where(eq(messageLogs.providerMessageId, "wamid.crash-1")),
      ).toHaveLength(0);
      await inside.close();

      const restarted = await spawnServer(env);
      expect(await processedThroughApi(restarted.url)).toBe(true);
      expect(await restarted.stop()).toBe(0);

      inside = await db.open();
      expect(
        await inside.db.select().from(messageLogs).where(eq(messageLogs.providerMessageId, "wamid.crash-1")),
      ).toHaveLength(1);
      expect(
        await inside.db.select().from(webhookEvents).where(eq(webhookEvents.dedupeKey, "msg:wamid.crash-1")),
      ).toMatchObject([{ status: "PROCESSED", attempts: 1 }]);
      await inside.close();
    } finally {
      await db.done();
    }
  }, 120_000);
});
