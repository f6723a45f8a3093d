import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { systemActor } from "@server/context";
import { createDatabase, type Database } from "@server/db/client";
import { queryRows } from "@server/db/query-rows";
import { staffUsers } from "@server/db/schema/index";
import { createCtx, createDeps } from "@server/deps";
import { setStaffActive } from "@server/domain/staff/set-staff-active";
import { setStaffPassword } from "@server/domain/staff/set-staff-password";
import { createLogger } from "@server/logger";
import { runServerToExit, spawnServer } from "@test/spawn-server";
import { testConfig } from "@test/test-app";
import { createTestDatabase, testDbKind } from "@test/test-db";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

// Issue 14, finding 6: the demo seed gave every demo account the published password `commhub-demo`, and
// the same data restarted against the real Gupshup opened to it as an ADMIN. Now each demo account gets
// a random password printed once, and the real Gupshup refuses to start while any still has it.

const REAL_GUPSHUP = {
  GUPSHUP_API_KEY: "a-real-looking-key",
  GUPSHUP_API_BASE_URL: "http://127.0.0.1:9",
  GUPSHUP_WEBHOOK_SECRET: "0123456789abcdef0123",
};

async function login(url: string, email: string, password: string): Promise<number> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  return res.status;
}

/** The embedded data directory, or a fresh database on the real server when the run uses PostgreSQL. */
async function storage(): Promise<{
  env: Record<string, string>;
  open: () => Promise<Database>;
  close: () => Promise<void>;
}> {
  if (testDbKind() === "pglite") {
    const dataDir = mkdtempSync(path.join(tmpdir(), "commhub-demo-passwords-"));
    let opened: Database | undefined;
    return {
      env: { DATA_DIR: dataDir },
      open: async () => {
        opened = await createDatabase({ kind: "pglite", dir: path.join(dataDir, "pglite") });
        return opened;
      },
      close: async () => {
        await opened?.close();
        opened = undefined;
      },
    };
  }
  const database = await createTestDatabase();
  const [row] = await queryRows<{ db: string }>(database.db, sql`select current_database() as db`);
  const url = new URL(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "");
  url.pathname = `/${row?.db}`;
  return { env: { DATABASE_URL: url.toString() }, open: async () => database, close: () => database.close() };
}

describe("demo accounts", () => {
  it("get random passwords printed once; the real Gupshup refuses to start until each is changed or off", {
    timeout: 600_000,
  }, async () => {
    const store = await storage();
    try {
      const first = await spawnServer(store.env, [], { startTimeoutMs: 180_000 });
      const printed = new Map(
        [...first.output().matchAll(/^ {2}(\S+@commhub\.example) +[A-Z]+ +(\S+)$/gm)].map((m) => [
          m[1],
          m[2],
        ]),
      );
      expect([...printed.keys()].sort()).toEqual([
        "admin@commhub.example",
        "manager.goa@commhub.example",
        "meera.goa@commhub.example",
        "ravi.goa@commhub.example",
        "sam.blr@commhub.example",
      ]);
      expect(new Set(printed.values()).size).toBe(5);
      expect(await login(first.url, "admin@commhub.example", "commhub-demo")).toBe(401);
      expect(
        await login(first.url, "admin@commhub.example", printed.get("admin@commhub.example") ?? ""),
      ).toBe(200);
      expect(await first.stop()).toBe(0);

      const refused = await runServerToExit({ ...store.env, ...REAL_GUPSHUP });
      expect(refused.code).toBe(1);
      const lines = refused.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /refusing to start against the real Gupshup: demo accounts still have their first password/,
      );
      expect(lines[0]).toContain("admin@commhub.example");
      expect(lines[0]).toContain("npm run cli -- user deactivate --email");

      // The fix the message names: a new password for the admin, the others turned off.
      const database = await store.open();
      const config = testConfig();
      const ctx = createCtx(createDeps(config, database, createLogger("silent")), systemActor("test"));
      await setStaffPassword(ctx, { email: "admin@commhub.example", password: "a new and private one" });
      for (const email of ["manager.goa", "meera.goa", "ravi.goa"]) {
        const [staff] = await database.db
          .select()
          .from(staffUsers)
          .where(eq(staffUsers.email, `${email}@commhub.example`));
        await setStaffActive(ctx, { staffUserId: staff?.id ?? 0, isActive: false });
      }
      if (testDbKind() === "pglite") await store.close();
      const stillOne = await runServerToExit({ ...store.env, ...REAL_GUPSHUP });
      expect(stillOne.code).toBe(1);
      expect(stillOne.stderr).toContain("(sam.blr@commhub.example)");

      const again = testDbKind() === "pglite" ? await store.open() : database;
      const [sam] = await again.db
        .select()
        .from(staffUsers)
        .where(eq(staffUsers.email, "sam.blr@commhub.example"));
      await setStaffActive(
        createCtx(createDeps(config, again, createLogger("silent")), systemActor("test")),
        {
          staffUserId: sam?.id ?? 0,
          isActive: false,
        },
      );
      if (testDbKind() === "pglite") await store.close();
      const live = await spawnServer({ ...store.env, ...REAL_GUPSHUP }, [], { startTimeoutMs: 180_000 });
      const health = (await (await fetch(`${live.url}/health`)).json()) as { provider: string };
      expect(health.provider).toBe("gupshup");
      expect(await live.stop()).toBe(0);
    } finally {
      await store.close();
    }
  });
});
