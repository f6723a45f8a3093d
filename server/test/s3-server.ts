import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { S3MediaStoreConfig } from "@server/domain/media/s3-media-store";

type S3rverInstance = { run: () => Promise<AddressInfo>; close: () => Promise<void> };
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

export type S3TestServer = { config: S3MediaStoreConfig; stop: () => Promise<void> };

/**
 * A real S3-compatible server for the tests: s3rver (npm), on a free loopback port, backed by a temporary
 * folder, with one bucket. Undefined (and a warning) where it cannot start, like the browser tests.
 */
export async function startS3Server(bucket = "commhub-media"): Promise<S3TestServer | undefined> {
  const directory = mkdtempSync(path.join(tmpdir(), "commhub-s3rver-"));
  try {
    // No type declarations ship with s3rver: the name is a plain string so TypeScript does not look.
    const name: string = "s3rver";
    const { default: S3rver } = (await import(name)) as { default: S3rverClass };
    const server = new S3rver({
      address: "127.0.0.1",
      port: 0,
      silent: true,
      directory,
      configureBuckets: [{ name: bucket }],
    });
    const { port } = await server.run();
    return {
      config: {
        bucket,
        region: "us-east-1",
        endpoint: `http://127.0.0.1:${port}`,
        forcePathStyle: true,
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      },
      stop: async () => {
        await server.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  } catch (err) {
    console.warn(`S3 tests skipped: s3rver could not start (${err instanceof Error ? err.message : err})`);
    rmSync(directory, { recursive: true, force: true });
    return undefined;
  }
}
