// Memory while a 50 MB document goes into and out of the PostgreSQL media store: `npx tsx
// bench/media-store-memory.ts [MB]` (or `npm run bench -- media`). Peak RSS is sampled every 20 ms
// against the RSS before; a store that held the file whole would grow by at least its size. Works in a
// scratch database (commhub_bench_media) on DATABASE_URL's server. A printed report, not a timed test.
import { createHash } from "node:crypto";
import { createDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { MEDIA_CHUNK_BYTES, postgresMediaStore } from "@server/domain/media/postgres-media-store";
import { createScratchDatabase, dropScratchDatabase, fmt, record } from "./lib/harness";

const MB = 1024 * 1024;
const size = Number(process.argv[2] ?? 50) * MB;
const SCRATCH = "commhub_bench_media";

/** `total` bytes in 64 KB pieces, made on the fly (never held whole). */
async function* document(total: number) {
  const piece = Buffer.alloc(64 * 1024);
  for (let sent = 0, n = 0; sent < total; sent += piece.length, n++) {
    piece.fill(n % 251);
    yield Buffer.from(piece.subarray(0, Math.min(piece.length, total - sent)));
  }
}

async function measure<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; peakMb: number; baseMb: number; ms: number }> {
  globalThis.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: peak / MB, baseMb: base / MB, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

const url = await createScratchDatabase(SCRATCH);
const database = await createDatabase({ kind: "postgres", url, poolSize: 4 });
try {
  await runMigrations(database.db);
  const store = postgresMediaStore(database.db);
  const key = "bench/document.pdf";
  const expected = createHash("sha256");
  for await (const piece of document(size)) expected.update(piece);

  const put = await measure(() => store.put(key, document(size)));
  const get = await measure(async () => {
    const hash = createHash("sha256");
    const body = await store.get(key);
    for await (const piece of body ?? []) hash.update(piece as Buffer);
    return hash.digest("hex");
  });
  if (get.result !== expected.digest("hex")) throw new Error("the bytes read back differ");

  const row = (label: string, m: { peakMb: number; baseMb: number; ms: number }) =>
    `| ${label} | ${fmt(size / MB, 0)} MB | ${fmt(m.baseMb)} MB | ${fmt(m.peakMb)} MB | ${fmt(m.peakMb - m.baseMb)} MB | ${fmt((size / MB / m.ms) * 1000)} MB/s |`;
  record(
    `Media store: a ${fmt(size / MB, 0)} MB document through PostgreSQL (${MEDIA_CHUNK_BYTES / 1024} KB chunks)`,
    "npx tsx bench/media-store-memory.ts",
    [
      "| step | file | RSS before | peak RSS | growth | throughput |",
      "|---|---|---|---|---|---|",
      row("put (stream in)", put),
      row("get (stream out, hashed)", get),
      "",
      "Growth well under the file's size means the bytes were never held whole (the read-back hash matches).",
    ],
  );
} finally {
  await database.close();
  await dropScratchDatabase(SCRATCH);
}
