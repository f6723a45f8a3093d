import { queryRows } from "@server/db/query-rows";
import { canary } from "@test/canary";
import { spawnServer } from "@test/spawn-server";
import { startTcpProxy } from "@test/tcp-proxy";
import { createTestDatabase, testDbKind } from "@test/test-db";
import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

// The server process on PostgreSQL when every connection drops at once (the database restarting, a
// failover): it must stay up and serve again, not die on an 'error' event of a checked-out connection.
const SECRET = canary("secret");

describe.skipIf(testDbKind() !== "postgres")(
  "losing every database connection under load (skipped without DATABASE_URL or TEST_DATABASE_URL)",
  () => {
    it("keeps the process up, answers 503 meanwhile, and acknowledges again once the database is back", async () => {
      const database = await createTestDatabase();
      const [row] = await queryRows<{ db: string }>(database.db, sql`select current_database() as db`);
      const target = new URL(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "");
      const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      const viaProxy = new URL(target);
      viaProxy.host = `127.0.0.1:${proxy.port}`;
      viaProxy.pathname = `/${row?.db}`;
      const server = await spawnServer({ DATABASE_URL: viaProxy.toString(), GUPSHUP_WEBHOOK_SECRET: SECRET });
      let seq = 0;
      const post = () =>
        fetch(`${server.url}/webhooks/gupshup?token=${SECRET}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            type: "message",
            payload: {
              id: `wamid.cut-${++seq}`,
              source: "919800000001",
              type: "text",
              payload: { text: "hi" },
            },
          }),
        }).then(
          (res) => res.status,
          () => 0,
        );
      try {
        // Webhooks keep arriving throughout; each phase waits for what it is about, not for a time.
        const answers: number[] = [];
        const load = setInterval(() => void post().then((status) => answers.push(status)), 10);
        await vi.waitFor(() => expect(answers).toContain(200), { timeout: 60_000, interval: 50 });
        proxy.cut();
        const cutAt = answers.length;
        // The server noticed: a callback it could not store was answered 503 (Gupshup retries those).
        await vi.waitFor(() => expect(answers.slice(cutAt)).toContain(503), {
          timeout: 60_000,
          interval: 50,
        });
        proxy.restore();
        clearInterval(load);
        await expect.poll(() => post(), { timeout: 60_000, interval: 200 }).toBe(200);
        expect(server.child.exitCode).toBeNull();
        // The child's output says why, should it ever exit otherwise.
        expect(await server.stop(), server.output().slice(-3000)).toBe(0);
      } finally {
        await server.stop();
        await proxy.close();
        await database.close();
      }
    }, 120_000);
  },
);
