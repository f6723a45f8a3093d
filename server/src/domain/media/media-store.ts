import type { Readable } from "node:stream";

// Where attachments' bytes live. One small interface, three places: a folder on this machine (disk),
// the database every instance shares (postgres), or an S3-compatible bucket. Callers (the inbound media
// job, the media route, the migrate command, privacy export/erase) only ever use these five verbs. Keys are the messages'
// media_storage_path (`<yyyy-mm>/<message id><ext>`).

export type MediaStoreKind = "disk" | "postgres" | "s3";

/** Inclusive byte offsets, as in an HTTP Range header; `end` is clamped to the object's last byte. */
export type ByteRange = { start: number; end: number };

export interface MediaStore {
  readonly kind: MediaStoreKind;
  /**
   * Stores the stream's bytes under `key`, replacing any object already there. All or nothing: when the
   * stream fails midway, the old object (or none) stays and no partial object is ever visible.
   * Memory stays bounded whatever the size (the bytes are never held whole).
   */
  put(key: string, body: AsyncIterable<Uint8Array>): Promise<{ size: number }>;
  /** The object's bytes (all, or `range`), as a stream; undefined when there is no object under `key`. */
  get(key: string, range?: ByteRange): Promise<Readable | undefined>;
  /** The object's size; undefined when there is none. */
  head(key: string): Promise<{ size: number } | undefined>;
  /** Removes the object; true when there was one. */
  delete(key: string): Promise<boolean>;
  /** Every stored key (for `media migrate`), in no promised order. */
  keys(): AsyncIterable<string>;
}

/** Keys look like `2026-03/123.jpg`: relative, no `..`, a small alphabet every backend accepts. */
const KEY = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function isValidMediaKey(key: string): boolean {
  return key.length <= 512 && KEY.test(key) && !key.endsWith(".part");
}

export function assertMediaKey(key: string): void {
  if (!isValidMediaKey(key)) throw new Error(`invalid media key ${JSON.stringify(key.slice(0, 80))}`);
}

/** The first `count` bytes of a stored object (fewer when it is shorter); undefined when it is missing. */
export async function readMediaHead(
  store: MediaStore,
  key: string,
  count: number,
): Promise<Buffer | undefined> {
  const stream = await store.get(key, { start: 0, end: count - 1 });
  if (!stream) return undefined;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts).subarray(0, count);
}
