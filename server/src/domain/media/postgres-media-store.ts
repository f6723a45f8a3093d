import { Readable } from "node:stream";
import type { Db } from "@server/db/client";
import { mediaChunks, mediaObjects } from "@server/db/schema/index";
import { and, asc, between, eq, gt, ne } from "drizzle-orm";
import { assertMediaKey, type ByteRange, type MediaStore } from "./media-store";

/** Bytes per media_chunks row: big enough to keep rows few, small enough that memory stays flat. */
export const MEDIA_CHUNK_BYTES = 256 * 1024;
/** Chunks read per query while streaming out (1 MB). */
const CHUNKS_PER_READ = 4;
const KEYS_PER_PAGE = 500;

/**
 * Attachments in the database (media_objects + media_chunks): every instance on one PostgreSQL serves
 * every file, with no shared filesystem. A put writes its chunks under a new, incomplete object as the
 * bytes arrive, then swaps it in for the old one in one transaction; a get reads a few chunks at a time.
 * Neither ever holds the whole file in memory.
 */
export function postgresMediaStore(db: Db, chunkBytes = MEDIA_CHUNK_BYTES): MediaStore {
  const find = async (key: string) => {
    assertMediaKey(key);
    const [row] = await db
      .select({ id: mediaObjects.id, size: mediaObjects.size, chunkSize: mediaObjects.chunkSize })
      .from(mediaObjects)
      .where(and(eq(mediaObjects.key, key), eq(mediaObjects.complete, true)));
    return row;
  };
  return {
    kind: "postgres",
    async put(key, body) {
      assertMediaKey(key);
      const [created] = await db
        .insert(mediaObjects)
        .values({ key, chunkSize: chunkBytes, complete: false })
        .returning({ id: mediaObjects.id });
      const objectId = created?.id ?? 0;
      let seq = 0;
      let size = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async (data: Buffer) => {
        await db.insert(mediaChunks).values({ objectId, seq, data });
        seq += 1;
      };
      try {
        for await (const piece of body) {
          const buffer = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
          pending.push(buffer);
          pendingBytes += buffer.length;
          size += buffer.length;
          while (pendingBytes >= chunkBytes) {
            const joined = Buffer.concat(pending);
            await flush(joined.subarray(0, chunkBytes));
            const rest = joined.subarray(chunkBytes);
            pending = rest.length ? [Buffer.from(rest)] : [];
            pendingBytes = rest.length;
          }
        }
        if (pendingBytes > 0) await flush(Buffer.concat(pending));
        await db.transaction(async (tx) => {
          await tx.delete(mediaObjects).where(and(eq(mediaObjects.key, key), ne(mediaObjects.id, objectId)));
          await tx.update(mediaObjects).set({ complete: true, size }).where(eq(mediaObjects.id, objectId));
        });
      } catch (err) {
        await db
          .delete(mediaObjects)
          .where(eq(mediaObjects.id, objectId))
          .catch(() => {});
        throw err;
      }
      return { size };
    },
    async get(key, range?: ByteRange) {
      const object = await find(key);
      if (!object) return undefined;
      const start = range?.start ?? 0;
      const end = Math.min(range?.end ?? object.size - 1, object.size - 1);
      if (start > end) return Readable.from([]);
      const { id, chunkSize } = object;
      const first = Math.floor(start / chunkSize);
      const last = Math.floor(end / chunkSize);
      async function* chunks() {
        for (let from = first; from <= last; from += CHUNKS_PER_READ) {
          const to = Math.min(from + CHUNKS_PER_READ - 1, last);
          const rows = await db
            .select({ seq: mediaChunks.seq, data: mediaChunks.data })
            .from(mediaChunks)
            .where(and(eq(mediaChunks.objectId, id), between(mediaChunks.seq, from, to)))
            .orderBy(asc(mediaChunks.seq));
          if (rows.length !== to - from + 1) throw new Error(`media ${key} changed while it was read`);
          for (const row of rows) {
            const offset = row.seq * chunkSize;
            const sliceStart = Math.max(0, start - offset);
            const sliceEnd = Math.min(row.data.length, end - offset + 1);
            yield row.data.subarray(sliceStart, sliceEnd);
          }
        }
      }
      return Readable.from(chunks(), { objectMode: false });
    },
    async head(key) {
      const object = await find(key);
      return object ? { size: object.size } : undefined;
    },
    async delete(key) {
      assertMediaKey(key);
      const removed = await db
        .delete(mediaObjects)
        .where(eq(mediaObjects.key, key))
        .returning({ complete: mediaObjects.complete });
      return removed.some((row) => row.complete);
    },
    async *keys() {
      let after = 0;
      for (;;) {
        const page = await db
          .select({ id: mediaObjects.id, key: mediaObjects.key })
          .from(mediaObjects)
          .where(and(eq(mediaObjects.complete, true), gt(mediaObjects.id, after)))
          .orderBy(asc(mediaObjects.id))
          .limit(KEYS_PER_PAGE);
        for (const row of page) yield row.key;
        const lastRow = page.at(-1);
        if (!lastRow || page.length < KEYS_PER_PAGE) return;
        after = lastRow.id;
      }
    },
  };
}
