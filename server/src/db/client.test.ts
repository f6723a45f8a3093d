import { Writable } from "node:stream";
import { createLogger } from "@server/logger";
import { startTcpProxy, type TcpProxy } from "@test/tcp-proxy";
import { createTestDatabase, testDbKind } from "@test/test-db";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Database, fromPostgresUrl } from "./client";
import { queryRows } from "./query-rows";

// The PostgreSQL connection layer when the database goes away and comes back (a restart, a failover),
// reached through a TCP proxy the test cuts and restores.
describe.skipIf(testDbKind() !== "postgres")("PostgreSQL connections across a database restart", () => {
  let database: Database;
  let proxy: TcpProxy;
  let viaProxy: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.url ?? "");
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `localhost:${proxy.port}`;
    viaProxy = url.toString();
  });
  afterAll(async () => {
    await proxy.close();
    await database.close();
  });

  it("gives a transaction's connection back to the pool when BEGIN itself fails", async () => {
    const onePool = fromPostgresUrl(viaProxy, 1);
    try {
      await queryRows(onePool.db, sql`select 1`);
      // The pool's one connection dies as the transaction takes it: BEGIN is its first statement.
      proxy.cut();
      await expect(onePool.db.transaction(async (tx) => queryRows(tx, sql`select 1`))).rejects.toThrow();
      proxy.restore();
      // A leaked connection would fill the one-slot pool: "timeout exceeded when trying to connect".
      const [row] = await onePool.db.transaction(async (tx) =>
        queryRows<{ ok: number }>(tx, sql`select 1 as ok`),
      );
      expect(row?.ok).toBe(1);
    } finally {
      proxy.restore();
      await onePool.close();
    }
  });

  it("keeps trying to LISTEN while the database is away, and hears notifications once it is back", async () => {
    const warnings: string[] = [];
    const log = createLogger(
      "warn",
      new Writable({
        write(chunk, _encoding, done) {
          warnings.push(JSON.parse(String(chunk)).msg);
          done();
        },
      }),
    );
    const listening = fromPostgresUrl(viaProxy, 1, log);
    const heard: string[] = [];
    const stop = await listening.listen?.("commhub_test_relay", (payload) => heard.push(payload));
    try {
      proxy.cut();
      // At least one attempt to reconnect failed while the database was away.
      await vi.waitFor(() => expect(warnings).toContain("LISTEN reconnect failed; trying again"), {
        timeout: 10_000,
        interval: 100,
      });
      proxy.restore();
      const direct = new pg.Client({ connectionString: database.url });
      await direct.connect();
      try {
        await vi.waitFor(
          async () => {
            await direct.query("select pg_notify('commhub_test_relay', 'back')");
            expect(heard).toContain("back");
          },
          { timeout: 10_000, interval: 250 },
        );
      } finally {
        await direct.end();
      }
    } finally {
      proxy.restore();
      await stop?.();
      await listening.close();
    }
  });
});
