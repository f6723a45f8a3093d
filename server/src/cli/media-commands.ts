import { createMediaStore } from "@server/domain/media/create-media-store";
import type { MediaStoreKind } from "@server/domain/media/media-store";
import { migrateMedia } from "@server/domain/media/migrate-media";
import type { CliIo } from "./cli-io";
import { UsageError } from "./usage";

export type MediaOptions = { to?: string; from?: string };

const KINDS: readonly MediaStoreKind[] = ["disk", "postgres", "s3"];

function parseKind(name: "to" | "from", value: string | undefined): MediaStoreKind | undefined {
  if (value === undefined) return undefined;
  if ((KINDS as readonly string[]).includes(value)) return value as MediaStoreKind;
  throw new UsageError(`--${name} must be ${KINDS.join(" or ")}, not ${value}`);
}

/** `media migrate --to KIND [--from KIND]`: copies attachments between stores, resumable. */
export async function runMediaCommand(verb: string | undefined, options: MediaOptions, io: CliIo) {
  if (verb !== "migrate") throw new UsageError(`unknown media command ${verb ?? "(none)"}`);
  const to = parseKind("to", options.to);
  if (!to) throw new UsageError("--to is required");
  const { deps, close } = await io.openDeps();
  try {
    const from = parseKind("from", options.from) ?? deps.config.media.store;
    if (from === to)
      throw new UsageError(
        `--from and --to are both ${to} (MEDIA_STORE is ${deps.config.media.store}): name the store that holds the files with --from`,
      );
    if ((from === "s3" || to === "s3") && !deps.config.media.s3.bucket)
      throw new UsageError("S3_BUCKET (and the other S3_ settings) must be set to copy to or from s3");
    const source = createMediaStore(from, deps.config, deps.database);
    const target = createMediaStore(to, deps.config, deps.database);
    io.err(`copying media from ${from} to ${to}…`);
    let done = 0;
    const result = await migrateMedia(source, target, {
      onObject: () => {
        done += 1;
        if (done % 100 === 0) io.err(`${done} files looked at`);
      },
    });
    const mb = (result.bytes / 1024 / 1024).toFixed(1);
    io.out(
      `copied ${result.copied} files (${mb} MB) from ${from} to ${to}; ${result.skipped} already there${result.vanished ? `; ${result.vanished} deleted meanwhile` : ""}`,
    );
    if (deps.config.media.store !== to)
      io.out(`now set MEDIA_STORE=${to} and restart every instance to serve from ${to}`);
  } finally {
    await close();
  }
}
