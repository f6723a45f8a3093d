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
import { s3MediaStore } from "@server/domain/media/s3-media-store";
import { projectPath } from "@server/project-path";
import { exitCodeAfterOutput } from "@test/child-exit";
import { captureChildOutput } from "@test/log-capture";
import { type S3TestServer, startS3Server } from "@test/s3-server";
import { createTestDatabase, testDbKind } from "@test/test-db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// `media migrate --to postgres|s3` as its own process, killed with SIGKILL midway (no handler runs, no
// rollback but the database's own), then run again: every file ends up in the target once, whole, and
// the source folder is as it was. For postgres on the embedded database the target is the PGlite in
// DATA_DIR (the killed process's own database, recovered on the next open); on PostgreSQL a fresh
// database. For s3 a bucket on s3rver (skipped with a warning where it cannot start).

const FILES = 130;
let dataDir: string;
let database: Database | undefined;
let s3: S3TestServer | undefined;
const files = new Map<string, string>();

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "commhub-migrate-kill-"));
  if (testDbKind() === "postgres") database = await createTestDatabase();
  s3 = await startS3Server("commhub-migrate-kill");
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
  await s3?.stop();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function s3Env(): Record<string, string> {
  if (!s3) return {};
  const { bucket, endpoint, region, credentials } = s3.config;
  return {
    S3_BUCKET: bucket,
    S3_ENDPOINT: endpoint ?? "",
    S3_REGION: region ?? "us-east-1",
    S3_FORCE_PATH_STYLE: "true",
    S3_ACCESS_KEY_ID: credentials?.accessKeyId ?? "",
    S3_SECRET_ACCESS_KEY: credentials?.secretAccessKey ?? "",
  };
}

function migrate(to: Target): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", projectPath("server/src/cli/main.ts"), "media", "migrate", "--to", to],
    {
      cwd: projectPath(),
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "test",
        DATA_DIR: dataDir,
        MEDIA_STORE: "disk",
        ...(database?.url ? { DATABASE_URL: database.url } : {}),
        ...(to === "s3" ? s3Env() : {}),
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

type Target = "postgres" | "s3";

/** The target database: the test's own on PostgreSQL, the DATA_DIR's PGlite (opened once no child runs). */
async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  if (database) return fn(database);
  const embedded = fromPglite(await openPglite({ dataDir: path.join(dataDir, "pglite") }));
  try {
    return await fn(embedded);
  } finally {
    await embedded.close();
  }
}

/** The target's visible keys (sorted, duplicates kept), with the store to read them from. */
async function withTarget<T>(to: Target, fn: (store: MediaStore, keys: string[]) => Promise<T>): Promise<T> {
  const listKeys = async (store: MediaStore) => {
    const keys: string[] = [];
    for await (const key of store.keys()) keys.push(key);
    return keys.sort();
  };
  if (to === "s3") {
    if (!s3) throw new Error("s3rver is not running");
    const store = s3MediaStore(s3.config);
    return fn(store, await listKeys(store));
  }
  return withDatabase(async (db) => {
    const store = postgresMediaStore(db.db);
    return fn(store, await listKeys(store));
  });
}

async function readAll(store: MediaStore, key: string): Promise<Buffer | undefined> {
  const stream = await store.get(key);
  if (!stream) return undefined;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

describe.each<Target>(["postgres", "s3"])("media migrate --to %s after SIGKILL", (to) => {
  beforeEach((ctx) => {
    if (to === "s3" && !s3) ctx.skip();
  });

  it("resumes: every file in the target exactly once with its bytes, the source untouched", async () => {
    const first = migrate(to);
    // The command reports every 100 files: kill it the moment it says so, in the middle of the copy.
    await expect
      .poll(() => first.output() + (first.child.exitCode ?? ""), { timeout: 120_000, interval: 20 })
      .toContain("100 files looked at");
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    expect(first.child.signalCode).toBe("SIGKILL");

    const completeAfterKill = await withTarget(to, async (_store, keys) => keys.length);
    expect(completeAfterKill).toBeGreaterThanOrEqual(100);
    expect(completeAfterKill).toBeLessThan(FILES);
    if (to === "postgres") {
      // At most the one put the kill interrupted is left incomplete (invisible to readers and to keys()).
      const incomplete = await withDatabase((db) =>
        queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from media_objects where not complete`),
      );
      expect(incomplete[0]?.n ?? 0).toBeLessThanOrEqual(1);
    }

    const second = migrate(to);
    expect(await second.exited, second.output()).toBe(0);
    // What the command documents: the rest copied, what the killed run finished counted as already there.
    expect(second.output()).toContain(`from disk to ${to}; ${completeAfterKill} already there`);
    expect(second.output()).toContain(`copied ${FILES - completeAfterKill} files`);

    await withTarget(to, async (store, keys) => {
      // Exactly once each: the key list has no duplicates and nothing else.
      expect(keys).toEqual([...files.keys()].sort());
      for (const [key, hash] of files)
        expect(sha((await readAll(store, key)) ?? Buffer.alloc(0)), key).toBe(hash);
    });
    if (to === "postgres") {
      // Nothing half-written left over: the killed put's rows were replaced by the second run's.
      const rows = await withDatabase((db) =>
        queryRows<{ key: string; complete: boolean }>(db.db, sql`select key, complete from media_objects`),
      );
      expect(rows).toHaveLength(FILES);
      expect(rows.every((r) => r.complete)).toBe(true);
    }

    // The source is left as it was: the same files, the same bytes, no temporary files.
    const disk = diskMediaStore(path.join(dataDir, "media"));
    const listed = readdirSync(path.join(dataDir, "media"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(path.join(dataDir, "media"), path.join(entry.parentPath, entry.name)));
    expect(listed.sort()).toEqual([...files.keys()].sort());
    for (const [key, hash] of files) expect(sha((await readAll(disk, key)) ?? Buffer.alloc(0))).toBe(hash);
  }, 300_000);
});
