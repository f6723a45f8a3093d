import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { mediaObjects } from "@server/db/schema/index";
import { diskMediaStore } from "@server/domain/media/disk-media-store";
import type { MediaStore } from "@server/domain/media/media-store";
import { migrateMedia } from "@server/domain/media/migrate-media";
import { postgresMediaStore } from "@server/domain/media/postgres-media-store";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "./cli-io";
import { runCli } from "./run-cli";

// `npm run cli -- media migrate`, on the run's database and a real folder: files move between the disk
// and the database stores, and a run cut short midway is finished by the next one.

let h: TestHarness;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "commhub-media-migrate-"));
  h = await createTestHarness({ DATA_DIR: dataDir, MEDIA_STORE: "disk" });
});
afterAll(async () => {
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(...line.split("\n")),
    err: (line) => err.push(line),
    openDeps: async () => ({ deps: h.deps, close: async () => {} }),
  };
  const code = await runCli(argv, io);
  return { code, out, err: err.join("\n") };
}

async function bytesOf(store: MediaStore, key: string) {
  const stream = await store.get(key);
  if (!stream) return undefined;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

/** A store that passes puts through, except that put number `failAt` loses its connection midway. */
function interruptedAt(store: MediaStore, failAt: number): MediaStore {
  let puts = 0;
  return {
    ...store,
    put: (key, body) => {
      puts += 1;
      if (puts !== failAt) return store.put(key, body);
      async function* cut() {
        for await (const part of body) {
          yield part;
          throw new Error("connection lost");
        }
      }
      return store.put(key, cut());
    },
  };
}

describe("npm run cli -- media migrate", () => {
  const files = new Map(
    Array.from({ length: 5 }, (_, i) => [`2026-0${i + 1}/${100 + i}.jpg`, randomBytes(1_000 + i * 70_000)]),
  );

  it("copies every file from disk to postgres, resuming after a run cut short", async () => {
    const disk = diskMediaStore(h.deps.config.media.dir);
    const postgres = postgresMediaStore(h.database.db);
    for (const [key, bytes] of files) await disk.put(key, Readable.from([bytes]));

    // The first run dies on its third file, halfway through it.
    await expect(migrateMedia(disk, interruptedAt(postgres, 3))).rejects.toThrow("connection lost");
    const afterCut = await h.database.db.select().from(mediaObjects);
    expect(afterCut.filter((o) => o.complete)).toHaveLength(2);
    expect(afterCut.filter((o) => !o.complete)).toEqual([]);

    const resumed = await cli("media", "migrate", "--to", "postgres");
    expect(resumed.code).toBe(0);
    // Files 3 to 5: 141 000 + 211 000 + 281 000 bytes.
    expect(resumed.out[0]).toBe("copied 3 files (0.6 MB) from disk to postgres; 2 already there");
    expect(resumed.out[1]).toBe(
      "now set MEDIA_STORE=postgres and restart every instance to serve from postgres",
    );
    for (const [key, bytes] of files) expect((await bytesOf(postgres, key))?.equals(bytes), key).toBe(true);

    const again = await cli("media", "migrate", "--to", "postgres");
    expect(again.out[0]).toMatch(/^copied 0 files \(0\.0 MB\) from disk to postgres; 5 already there$/);
  }, 120_000);

  it("copies back from postgres to disk (files lost from the folder are restored)", async () => {
    const disk = diskMediaStore(h.deps.config.media.dir);
    const [lost, changed] = [...files.keys()];
    await disk.delete(lost ?? "");
    await disk.put(changed ?? "", Readable.from([Buffer.from("truncated")]));
    const back = await cli("media", "migrate", "--from", "postgres", "--to", "disk");
    expect(back.code).toBe(0);
    expect(back.out[0]).toMatch(/^copied 2 files .* from postgres to disk; 3 already there$/);
    for (const [key, bytes] of files) expect((await bytesOf(disk, key))?.equals(bytes), key).toBe(true);
  }, 120_000);

  it.each([
    [["media", "migrate"], "--to is required"],
    [["media", "migrate", "--to", "s4"], "--to must be disk or postgres or s3, not s4"],
    [["media", "migrate", "--to", "disk"], "--from and --to are both disk"],
    [["media", "copy", "--to", "disk"], "unknown media command copy"],
  ])("%j is a usage error (exit 2)", async (argv, message) => {
    const res = await cli(...argv);
    expect(res.code).toBe(2);
    expect(res.err).toContain(message);
  });
});
