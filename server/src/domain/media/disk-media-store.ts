import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertMediaKey, type ByteRange, isValidMediaKey, type MediaStore } from "./media-store";

/**
 * Files under one folder (DATA_DIR/media): the key is the path below it. Written to a temporary name
 * and renamed, so a reader never sees half a file. Only this machine sees them: the default on the
 * embedded database, which is one process anyway.
 */
export function diskMediaStore(dir: string): MediaStore {
  const root = path.resolve(dir);
  const fileOf = (key: string) => {
    assertMediaKey(key);
    const file = path.resolve(root, key);
    if (!file.startsWith(root + path.sep)) throw new Error("media key outside the media folder");
    return file;
  };
  const sizeOf = async (file: string) => {
    try {
      const info = await stat(file);
      return info.isFile() ? info.size : undefined;
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  };
  return {
    kind: "disk",
    async put(key, body) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${randomBytes(6).toString("hex")}.part`;
      try {
        await pipeline(Readable.from(body, { objectMode: false }), createWriteStream(temporary));
        await rename(temporary, file);
      } catch (err) {
        await rm(temporary, { force: true });
        throw err;
      }
      return { size: (await sizeOf(file)) ?? 0 };
    },
    async get(key, range?: ByteRange) {
      const file = fileOf(key);
      const size = await sizeOf(file);
      if (size === undefined) return undefined;
      if (!range) return createReadStream(file);
      const end = Math.min(range.end, size - 1);
      if (range.start > end) return Readable.from([]);
      return createReadStream(file, { start: range.start, end });
    },
    async head(key) {
      const size = await sizeOf(fileOf(key));
      return size === undefined ? undefined : { size };
    },
    async delete(key) {
      const file = fileOf(key);
      const existed = (await sizeOf(file)) !== undefined;
      await rm(file, { force: true });
      return existed;
    },
    async *keys() {
      let entries: string[];
      try {
        entries = await readdir(root, { recursive: true });
      } catch (err) {
        if (isMissing(err)) return;
        throw err;
      }
      for (const entry of entries.sort()) {
        const key = entry.split(path.sep).join("/");
        if (isValidMediaKey(key) && (await sizeOf(path.join(root, entry))) !== undefined) yield key;
      }
    },
  };
}

function isMissing(err: unknown): boolean {
  return err instanceof Error && "code" in err && (err.code === "ENOENT" || err.code === "ENOTDIR");
}
