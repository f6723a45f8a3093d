import type { MediaStore } from "@server/domain/media/media-store";
import { isValidMediaKey } from "@server/domain/media/media-store";

// The privacy tools' view of a guest's attachments, wherever MEDIA_STORE keeps them.

/** The bytes of a stored attachment, or undefined when it is no longer (or never was) in storage. */
export async function readGuestMedia(store: MediaStore, storagePath: string): Promise<Buffer | undefined> {
  if (!isValidMediaKey(storagePath)) return undefined;
  const stream = await store.get(storagePath);
  if (!stream) return undefined;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

/** Deletes a stored attachment for good; one already gone is not an error. */
export async function deleteGuestMedia(store: MediaStore, storagePath: string): Promise<void> {
  if (isValidMediaKey(storagePath)) await store.delete(storagePath);
}
