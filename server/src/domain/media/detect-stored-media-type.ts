import type { InlineMediaType } from "@contract/media-types";
import { sniffMediaType } from "@server/domain/messages/detect-media-type";
import { type MediaStore, readMediaHead } from "./media-store";

const HEAD_BYTES = 16;

/**
 * The inline type of the stored object under `key`, read from its first bytes (never what the sender
 * declared); undefined when its bytes are none of ours. Throws NoSuchMedia when nothing is stored there.
 */
export async function detectStoredMediaType(
  store: MediaStore,
  key: string,
): Promise<InlineMediaType | undefined> {
  const head = await readMediaHead(store, key, HEAD_BYTES);
  if (!head) throw new NoSuchMedia(key);
  return sniffMediaType(head);
}

class NoSuchMedia extends Error {
  constructor(key: string) {
    super(`no media stored under ${key}`);
    this.name = "NoSuchMedia";
  }
}
