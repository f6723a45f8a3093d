import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { type Database, fromPglite, openPglite } from "@server/db/client";
import { queryRows } from "@server/db/query-rows";
import { diskMediaStore } from "@server/domain/media/disk-media-store";
import type { MediaStore } from "@server/domain/media/media-store";
import { postgresMediaStore } from "@server/domain/media/postgres-media-store";
import { projectPath } from "@server/project-path";
import { exitCodeAfterOutput } from "@test/child-exit";
import { captureChildOutput } from "@test/log-capture";
import { createTestDatabase, testDbKind } from "@test/test-db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `media migrate --to postgres` as its own process, killed with SIGKILL midway (no handler runs, no
// rollback but the database's own), then run again: every file ends up in the target once, whole, and
// the source folder is as it was. On the embedded database the target is the PGlite in DATA_DIR (the
// killed process's own database, recovered on the next open); on PostgreSQL a fresh database.

const FILES = 130;
let dataDir: string;
let database: Database | undefined;
const files = new Map<string, string>();

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "commhub-migrate-kill-"));
  if (testDbKind() === "postgres") database = await createTestDatabase();
  const disk = diskMediaStore(path.join(dataDir, "media"));
  for (let i = 0; i < FILES; i += 1) {
    // 20–300 KB: many span two 256 KB chunks, so a kill can land between a file's chunks.
    const bytes = randomBytes(20_000 + ((i * 7_919) % 280_000));
    const key = `2026-${String((i % 12) + 1).padStart(2, "0")}/${1000 + i}.jpg`;
    await disk.put(key, Readable.from([bytes]));
    files.set(key, sha(bytes));
  }
});
afterAll(async () => {
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function migrate(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", projectPath("server/src/cli/main.ts"), "media", "migrate", "--to", "postgres"],
    {
      cwd: projectPath(),
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "test",
        DATA_DIR: dataDir,
        MEDIA_STORE: "disk",
        ...(database?.url ? { DATABASE_URL: database.url } : {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = exitCodeAfterOutput(child);
  void exited.then(() => captureChildOutput("media migrate", output));
  return { child, output: () => output, exited };
}

/** The target database: the test's own on PostgreSQL, the DATA_DIR's PGlite (opened once no child runs). */
async function withTarget<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  if (database) return fn(database);
  const embedded = fromPglite(await openPglite({ dataDir: path.join(dataDir, "pglite") }));
  try {
    return await fn(embedded);
  } finally {
    await embedded.close();
  }
}

async function readAll(store: MediaStore, key: string): Promise<Buffer | undefined> {
  const stream = await store.get(key);
  if (!stream) return undefined;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

describe("media migrate after SIGKILL", () => {
  it("resumes: every file in the target exactly once with its bytes, the source untouched", async () => {
    const first = migrate();
    // The command reports every 100 files: kill it the moment it says so, in the middle of the copy.
    await expect
      .poll(() => first.output() + (first.child.exitCode ?? ""), { timeout: 120_000, interval: 20 })
      .toContain("100 files looked at");
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    expect(first.child.signalCode).toBe("SIGKILL");

    const afterKill = await withTarget((db) =>
      queryRows<{ complete: boolean; n: number }>(
        db.db,
        sql`select complete, count(*)::int as n from media_objects group by complete`,
      ),
    );
    const completeAfterKill = afterKill.find((r) => r.complete)?.n ?? 0;
    expect(completeAfterKill).toBeGreaterThanOrEqual(100);
    expect(completeAfterKill).toBeLessThan(FILES);
    // At most the one put the kill interrupted is left incomplete (invisible to readers and to keys()).
    expect(afterKill.find((r) => !r.complete)?.n ?? 0).toBeLessThanOrEqual(1);

    const second = migrate();
    expect(await second.exited, second.output()).toBe(0);
    // What the command documents: the rest copied, what the killed run finished counted as already there.
    expect(second.output()).toContain(`from disk to postgres; ${completeAfterKill} already there`);
    expect(second.output()).toContain(`copied ${FILES - completeAfterKill} files`);

    await withTarget(async (db) => {
      const rows = await queryRows<{ key: string; complete: boolean }>(
        db.db,
        sql`select key, complete from media_objects order by key`,
      );
      // Exactly once each, and nothing half-written left over (the killed put's rows were replaced).
      expect(rows.map((r) => r.key)).toEqual([...files.keys()].sort());
      expect(rows.every((r) => r.complete)).toBe(true);
      const target = postgresMediaStore(db.db);
      for (const [key, hash] of files)
        expect(sha((await readAll(target, key)) ?? Buffer.alloc(0)), key).toBe(hash);
    });

    // The source is left as it was: the same files, the same bytes, no temporary files.
    const disk = diskMediaStore(path.join(dataDir, "media"));
    const listed = readdirSync(path.join(dataDir, "media"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(path.join(dataDir, "media"), path.join(entry.parentPath, entry.name)));
    expect(listed.sort()).toEqual([...files.keys()].sort());
    for (const [key, hash] of files) expect(sha((await readAll(disk, key)) ?? Buffer.alloc(0))).toBe(hash);
  }, 300_000);
});
