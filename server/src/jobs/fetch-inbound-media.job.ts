import type { Deps } from "@server/deps";
import { detectStoredMediaType } from "@server/domain/media/detect-stored-media-type";
import { findPendingMedia } from "@server/domain/messages/find-pending-media";
import { FETCH_INBOUND_MEDIA_QUEUE } from "@server/domain/messages/record-inbound-message";
import { recordMediaResult } from "@server/domain/messages/record-media-result";
import { downloadMedia } from "@server/providers/media-download";
import { defineJob } from "@server/queue/job-definition";
import { z } from "zod";

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": ".jpg",
  "image/png": ".png",
  "image/webp": ".webp",
  "image/gif": ".gif",
  "application/pdf": ".pdf",
  "audio/ogg": ".ogg",
  "audio/mpeg": ".mp3",
  "audio/aac": ".aac",
  "audio/amr": ".amr",
  "audio/mp4": ".m4a",
  "video/mp4": ".mp4",
  "video/3gpp": ".3gp",
};

/**
 * Fetches an inbound attachment into the media store (deps.mediaStore: DATA_DIR/media, or the database)
 * under the key <yyyy-mm>/<message id><ext> before Gupshup's URL expires. Retried on network errors and 5xx; a refused address, a 4xx or an oversize file fails at once.
 * The key is deterministic, so a retry after a crash overwrites instead of piling up copies.
 */
export function fetchInboundMediaJob(deps: Deps) {
  const media = deps.config.media;
  return defineJob({
    name: FETCH_INBOUND_MEDIA_QUEUE,
    payload: z.object({ messageId: z.number().int().positive() }),
    maxAttempts: 6,
    concurrency: 2,
    backoff: { baseMs: 2_000, maxMs: 120_000 },
    handle: async (ctx, { messageId }, job) => {
      const pending = await findPendingMedia(ctx, messageId);
      if (!pending) return { status: "done" };
      const month = pending.createdAt.toISOString().slice(0, 7);
      const mime = (pending.mimeType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      const extension = (Object.hasOwn(EXTENSIONS, mime) ? EXTENSIONS[mime] : undefined) ?? ".bin";
      const key = `${month}/${messageId}${extension}`;
      const result = await downloadMedia(pending.url, {
        store: deps.mediaStore,
        key,
        maxBytes: media.maxBytes,
        timeoutMs: media.fetchTimeoutMs,
        allowPrivateAddresses: media.allowPrivateAddresses,
        signal: job.signal,
      });
      if (result.kind === "retryable") return { status: "retry", error: result.reason };
      if (result.kind === "rejected") return { status: "failed", error: result.reason };
      // The sender's declared type is a claim; what the inbox shows is what the bytes are.
      const mimeType = (await detectStoredMediaType(deps.mediaStore, key)) ?? "application/octet-stream";
      const stored = { path: key, size: result.size, mimeType };
      await recordMediaResult(ctx, { messageId, result: { stored } });
      return { status: "done" };
    },
    onExhausted: async (ctx, payload, error) => {
      if (payload) await recordMediaResult(ctx, { messageId: payload.messageId, result: { failed: error } });
    },
  });
}
