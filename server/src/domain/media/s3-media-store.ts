import { Readable, Transform } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { assertMediaKey, type ByteRange, type MediaStore } from "./media-store";

export type S3MediaStoreConfig = {
  bucket: string;
  region: string;
  /** An S3-compatible server (MinIO, R2, Ceph…); undefined = AWS. */
  endpoint: string | undefined;
  forcePathStyle: boolean;
  /** undefined = the SDK's usual chain (environment, instance role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
};

/** Part size of multipart uploads: S3's minimum; one part at a time, so memory stays near 5 MB. */
const PART_BYTES = 5 * 1024 * 1024;

/**
 * Attachments in an S3-compatible bucket, through the AWS SDK v3. Still served through the app (same
 * sign-in, property check, type by bytes, CSP sandbox), never by presigned URL. A put is a streamed
 * multipart upload: the object appears only when it completes; a failed one is aborted.
 */
export function s3MediaStore(config: S3MediaStoreConfig): MediaStore {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
  });
  const Bucket = config.bucket;
  const head = async (key: string) => {
    assertMediaKey(key);
    try {
      const found = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
      return { size: found.ContentLength ?? 0 };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  };
  return {
    kind: "s3",
    async put(key, body) {
      assertMediaKey(key);
      let size = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          done(null, chunk);
        },
      });
      const source = Readable.from(body, { objectMode: false });
      source.on("error", (err) => counted.destroy(err));
      source.pipe(counted);
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: counted },
        partSize: PART_BYTES,
        queueSize: 1,
        leavePartsOnError: false,
      });
      await upload.done();
      return { size };
    },
    async get(key, range?: ByteRange) {
      assertMediaKey(key);
      try {
        const found = await client.send(
          new GetObjectCommand({
            Bucket,
            Key: key,
            Range: range ? `bytes=${range.start}-${range.end}` : undefined,
          }),
        );
        if (!(found.Body instanceof Readable)) return Readable.from([]);
        // Never more than was asked for, whatever the server sends (s3rver answers bytes=0-0 whole).
        return range ? Readable.from(atMost(found.Body, range.end - range.start + 1)) : found.Body;
      } catch (err) {
        if (isNotFound(err)) return undefined;
        // A range past the end (or any range of an empty object): nothing to give, as the other stores.
        if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 416) {
          return (await head(key)) ? Readable.from([]) : undefined;
        }
        throw err;
      }
    },
    head,
    async delete(key) {
      const existed = (await head(key)) !== undefined;
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
      return existed;
    },
    async *keys() {
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, ContinuationToken }));
        for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
  };
}

async function* atMost(body: Readable, count: number) {
  let left = count;
  for await (const chunk of body) {
    const piece = (chunk as Buffer).subarray(0, left);
    left -= piece.length;
    yield piece;
    if (left <= 0) break;
  }
}

function isNotFound(err: unknown): boolean {
  if (!(err instanceof S3ServiceException)) return false;
  return err.name === "NoSuchKey" || err.name === "NotFound" || err.$metadata.httpStatusCode === 404;
}
