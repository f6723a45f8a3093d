import type { Config } from "@server/config";
import type { Database } from "@server/db/client";
import { diskMediaStore } from "./disk-media-store";
import type { MediaStore, MediaStoreKind } from "./media-store";
import { postgresMediaStore } from "./postgres-media-store";
import { s3MediaStore } from "./s3-media-store";

/** The store of kind `kind` for this configuration (MEDIA_STORE picks the one the server uses). */
export function createMediaStore(kind: MediaStoreKind, config: Config, database: Database): MediaStore {
  switch (kind) {
    case "disk":
      return diskMediaStore(config.media.dir);
    case "postgres":
      return postgresMediaStore(database.db);
    case "s3": {
      const { s3 } = config.media;
      if (!s3.bucket) throw new Error("MEDIA_STORE s3 needs S3_BUCKET");
      return s3MediaStore({ ...s3, bucket: s3.bucket });
    }
  }
}
