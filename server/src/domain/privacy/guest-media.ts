import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { Ctx } from "@server/context";

// The one seam between the privacy tools and wherever attachments live. Today that is DATA_DIR/media
// (written by the fetch-inbound-media job); when the media store lands, only these two functions change.

/** Resolves a stored media path inside the media root, or undefined for a path that escapes it. */
function resolveMediaFile(ctx: Ctx, storagePath: string): string | undefined {
  const root = path.resolve(ctx.config.media.dir);
  const file = path.resolve(root, storagePath);
  return file.startsWith(root + path.sep) ? file : undefined;
}

/** The bytes of a stored attachment, or undefined when it is no longer (or never was) in storage. */
export async function readGuestMedia(ctx: Ctx, storagePath: string): Promise<Buffer | undefined> {
  const file = resolveMediaFile(ctx, storagePath);
  if (!file) return undefined;
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/** Deletes a stored attachment for good; a file already gone is not an error. */
export async function deleteGuestMedia(ctx: Ctx, storagePath: string): Promise<void> {
  const file = resolveMediaFile(ctx, storagePath);
  if (file) await rm(file, { force: true });
}
