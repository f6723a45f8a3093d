import type { MediaStore } from "./media-store";

export type MigrateMediaResult = {
  /** Objects copied by this run. */
  copied: number;
  /** Objects the target already held whole (same size): copied by an earlier, interrupted run. */
  skipped: number;
  /** Listed by the source but gone before they could be read (deleted meanwhile). */
  vanished: number;
  bytes: number;
};

/**
 * Copies every object of `from` that `to` does not already hold (same key, same size) into `to`,
 * one streamed object at a time. Resumable: puts are all or nothing, so after an interrupted run
 * (crash, kill, lost connection) a second run skips what arrived and copies the rest. The source is left
 * as it is; the operator switches MEDIA_STORE once the copy is done, then may delete the old store.
 */
export async function migrateMedia(
  from: MediaStore,
  to: MediaStore,
  options: { onObject?: (key: string, outcome: "copied" | "skipped" | "vanished") => void } = {},
): Promise<MigrateMediaResult> {
  const result: MigrateMediaResult = { copied: 0, skipped: 0, vanished: 0, bytes: 0 };
  for await (const key of from.keys()) {
    const source = await from.head(key);
    const target = await to.head(key);
    let outcome: "copied" | "skipped" | "vanished";
    if (!source) outcome = "vanished";
    else if (target && target.size === source.size) outcome = "skipped";
    else {
      const body = await from.get(key);
      if (!body) outcome = "vanished";
      else {
        const { size } = await to.put(key, body);
        result.bytes += size;
        outcome = "copied";
      }
    }
    result[outcome] += 1;
    options.onObject?.(key, outcome);
  }
  return result;
}
