import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { HealthResponse } from "@contract/health";
import { createDatabase } from "@server/db/client";
import { queryRows } from "@server/db/query-rows";
import { properties } from "@server/db/schema/index";
import { runServerToExit, spawnServer } from "@test/spawn-server";
import { createTestDatabase, testDbKind } from "@test/test-db";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const tempDataDir = () => mkdtempSync(path.join(tmpdir(), "commhub-data-"));

async function getJson(url: string) {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as unknown };
}

describe("the server process", () => {
  it("stops on a bad variable with one line that names it", async () => {
    const { code, stderr } = await runServerToExit({ PORT: "abc", DATA_DIR: tempDataDir() });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      "commhub: invalid configuration: PORT must be an integer between 0 and 65535",
    ]);
  });

  it("stops on a DATABASE_URL that is not a postgres URL", async () => {
    const { code, stderr } = await runServerToExit({ DATABASE_URL: "mysql://x@y/z" });
    expect(code).toBe(1);
    expect(stderr).toContain("DATABASE_URL must be a postgres URL");
  });

  // Three server processes on a fresh embedded database (the first also loads the demo chain): slow on 2 cores.
  it("keeps embedded data across a restart and refuses a second process on the same DATA_DIR", {
    timeout: 90_000,
  }, async () => {
    const dataDir = tempDataDir();
    const first = await spawnServer({ DATA_DIR: dataDir });
    expect((await getJson(`${first.url}/ready`)).status).toBe(200);
    expect(first.output()).toContain("loaded the demo hotel chain");

    // First start on an empty database: a generated admin password, printed once with the sign-in URL.
    const password = /password: (\S+)/.exec(first.output())?.[1] ?? "";
    expect(first.output()).toContain(`sign in:  ${first.url}/admin/communication-hub`);
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@commhub.local", password }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get("set-cookie")).toMatch(/^commhub_session=chs_/);

    const second = await runServerToExit({ DATA_DIR: dataDir, PORT: "0" });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("is in use by another commhub process");
    expect(await first.stop()).toBe(0);

    const offline = await createDatabase({ kind: "pglite", dir: path.join(dataDir, "pglite") });
    await offline.db.insert(properties).values({ code: "KEEP", name: "Survives restarts" });
    await offline.close();

    const restarted = await spawnServer({ DATA_DIR: dataDir });
    expect((await getJson(`${restarted.url}/ready`)).status).toBe(200);
    expect(restarted.output()).not.toContain("database migrations applied");
    expect(restarted.output()).not.toContain("password:");
    expect(restarted.output()).not.toContain("loaded the demo hotel chain");
    expect(await restarted.stop()).toBe(0);

    const reopened = await createDatabase({ kind: "pglite", dir: path.join(dataDir, "pglite") });
    const kept = await reopened.db.select().from(properties).where(eq(properties.code, "KEEP"));
    const applied = await queryRows<{ n: string }>(
      reopened.db,
      sql`select count(*) as n from drizzle.__drizzle_migrations`,
    );
    await reopened.close();
    expect(kept).toHaveLength(1);
    expect(Number(applied[0]?.n)).toBeGreaterThan(0);
  });

  it.runIf(testDbKind() === "postgres")(
    "runs on a real PostgreSQL server with DATABASE_URL",
    async () => {
      const database = await createTestDatabase();
      try {
        const url = await databaseUrlOf(database);
        const server = await spawnServer({ DATABASE_URL: url });
        const health = await getJson(`${server.url}/health`);
        expect(HealthResponse.parse(health.body).db).toBe("postgres");
        expect((await getJson(`${server.url}/ready`)).status).toBe(200);
        expect(await server.stop()).toBe(0);
      } finally {
        await database.close();
      }
    },
    90_000,
  );
});

async function databaseUrlOf(database: Awaited<ReturnType<typeof createTestDatabase>>): Promise<string> {
  const [row] = await queryRows<{ db: string }>(database.db, sql`select current_database() as db`);
  const admin = new URL(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "");
  admin.pathname = `/${row?.db}`;
  return admin.toString();
}
