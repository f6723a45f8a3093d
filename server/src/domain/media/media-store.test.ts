import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { mediaChunks, mediaObjects } from "@server/db/schema/index";
import { type S3TestServer, startS3Server } from "@test/s3-server";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseRange } from "./byte-range";
import { diskMediaStore } from "./disk-media-store";
import type { MediaStore } from "./media-store";
import { postgresMediaStore } from "./postgres-media-store";
import { s3MediaStore } from "./s3-media-store";

// Every backend behind one interface, against the real database of the run (PGlite or PostgreSQL) and a
// real folder: what goes in comes out, byte for byte, whole or by range.

let h: TestHarness;
let dir: string;
let s3: S3TestServer | undefined;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "commhub-media-store-"));
  h = await createTestHarness({ DATA_DIR: dir });
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.stop();
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

async function* pieces(bytes: Buffer, size: number, failAfter?: number) {
  for (let at = 0; at < bytes.length; at += size) {
    if (failAfter !== undefined && at >= failAfter) throw new Error("connection reset");
    yield bytes.subarray(at, at + size);
  }
}
async function read(stream: Readable | undefined): Promise<Buffer | undefined> {
  if (!stream) return undefined;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}
async function allKeys(store: MediaStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of store.keys()) keys.push(key);
  return keys.sort();
}

const stores: Array<[string, () => MediaStore | undefined]> = [
  ["disk", () => diskMediaStore(path.join(dir, "media"))],
  ["postgres (256 KB chunks)", () => postgresMediaStore(h.database.db)],
  // Small chunks: many boundaries for the range arithmetic with little data.
  ["postgres (4000-byte chunks)", () => postgresMediaStore(h.database.db, 4_000)],
  // A real S3-compatible server (s3rver); skipped with a warning where it cannot start.
  ["s3 (s3rver)", () => (s3 ? s3MediaStore(s3.config) : undefined)],
];

describe.each(stores)("%s media store", (label, make) => {
  const prefix = label.replace(/\W+/g, "-");
  let store: MediaStore;
  beforeAll(() => {
    const made = make();
    if (made) store = made;
  });
  beforeEach((ctx) => {
    if (!store) ctx.skip();
  });

  it("gives back what was put, whole and by range, from a stream of uneven pieces", async () => {
    const bytes = randomBytes(300_123);
    const key = `${prefix}/2026-03/1.ogg`;
    expect(await store.put(key, pieces(bytes, 7_001))).toEqual({ size: bytes.length });
    expect(await store.head(key)).toEqual({ size: bytes.length });
    expect((await read(await store.get(key)))?.equals(bytes)).toBe(true);
    for (const [start, end] of [
      [0, 0],
      [0, 15],
      [3_999, 4_000],
      [262_143, 262_145],
      [123_456, 295_555],
      [300_000, 300_122],
      [299_990, 10_000_000],
    ] as const) {
      const got = await read(await store.get(key, { start, end }));
      expect(got?.equals(bytes.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
    }
  });

  it("replaces an object on a second put, and keeps the old one when a put fails midway", async () => {
    const key = `${prefix}/2026-03/2.jpg`;
    const first = randomBytes(5_000);
    const second = randomBytes(3_000);
    await store.put(key, pieces(first, 1_024));
    await store.put(key, pieces(second, 999));
    expect((await read(await store.get(key)))?.equals(second)).toBe(true);
    await expect(store.put(key, pieces(randomBytes(50_000), 4_096, 20_000))).rejects.toThrow(
      "connection reset",
    );
    expect(await store.head(key)).toEqual({ size: second.length });
    expect((await read(await store.get(key)))?.equals(second)).toBe(true);
  });

  it("stores an empty file, lists its keys, deletes, and answers undefined for what is not there", async () => {
    const key = `${prefix}/2026-04/empty.bin`;
    await store.put(key, pieces(Buffer.alloc(0), 10));
    expect(await store.head(key)).toEqual({ size: 0 });
    expect(await read(await store.get(key))).toEqual(Buffer.alloc(0));
    expect((await allKeys(store)).filter((k) => k.startsWith(`${prefix}/`))).toEqual([
      `${prefix}/2026-03/1.ogg`,
      `${prefix}/2026-03/2.jpg`,
      key,
    ]);
    expect(await store.delete(key)).toBe(true);
    expect(await store.delete(key)).toBe(false);
    expect(await store.head(key)).toBeUndefined();
    expect(await store.get(key)).toBeUndefined();
    expect(await store.get(`${prefix}/never/there.bin`, { start: 0, end: 10 })).toBeUndefined();
  });

  it("refuses keys that could leave the store", async () => {
    for (const key of ["../etc/passwd", "/etc/passwd", "a/../../b", "a//b", "x.part", ""]) {
      await expect(store.put(key, pieces(Buffer.from("x"), 1))).rejects.toThrow("invalid media key");
      await expect(store.head(key)).rejects.toThrow("invalid media key");
    }
  });
});

describe("what a failed put leaves behind", () => {
  it("disk: no temporary file; postgres: no object and no chunk", async () => {
    const disk = diskMediaStore(path.join(dir, "leftovers"));
    await expect(disk.put("a/1.bin", pieces(randomBytes(9_000), 1_000, 5_000))).rejects.toThrow();
    expect(readdirSync(path.join(dir, "leftovers", "a"))).toEqual([]);

    const pg = postgresMediaStore(h.database.db, 1_000);
    const before = await h.database.db.$count(mediaChunks);
    await expect(pg.put("leftover/1.bin", pieces(randomBytes(9_000), 1_000, 5_000))).rejects.toThrow();
    expect(await h.database.db.$count(mediaChunks)).toBe(before);
    expect((await h.database.db.select().from(mediaObjects)).map((o) => o.key)).not.toContain(
      "leftover/1.bin",
    );
  });
});

describe(parseRange.name, () => {
  it.each([
    [undefined, { kind: "whole" }],
    ["bytes=0-99", { kind: "partial", range: { start: 0, end: 99 } }],
    ["bytes=900-", { kind: "partial", range: { start: 900, end: 999 } }],
    ["bytes=-100", { kind: "partial", range: { start: 900, end: 999 } }],
    ["bytes=-5000", { kind: "partial", range: { start: 0, end: 999 } }],
    ["bytes=500-5000", { kind: "partial", range: { start: 500, end: 999 } }],
    ["bytes=1000-", { kind: "unsatisfiable" }],
    ["bytes=-0", { kind: "unsatisfiable" }],
    ["bytes=0-1,5-6", { kind: "whole" }],
    ["bytes=9-3", { kind: "whole" }],
    ["items=0-1", { kind: "whole" }],
    ["bytes=-", { kind: "whole" }],
  ])("%s of 1000 bytes → %j", (header, expected) => {
    expect(parseRange(header, 1_000)).toEqual(expected);
  });
});
