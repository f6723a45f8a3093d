import type { OutboundMedia } from "@contract/outbound";
import type { Ctx } from "@server/context";
import { validationFailed } from "@server/errors";
import { probeMedia } from "@server/providers/media-download";

const MB = 1024 * 1024;

/** WhatsApp's size limit per media type (Cloud API media reference; Gupshup answers 1011 above it). */
export const WHATSAPP_MEDIA_MAX_BYTES: Record<OutboundMedia["type"], number> = {
  image: 5 * MB,
  video: 16 * MB,
  audio: 16 * MB,
  document: 100 * MB,
};

// Short: the sender is waiting for the API's answer. A server that does not answer in time is left to
// the provider, which fetches the file itself.
const PROBE_TIMEOUT_MS = 3_000;

/**
 * Before a WhatsApp attachment is accepted, asks its server for the file (HEAD): a URL that is gone
 * (404/410), serves a web page instead of a file, holds another kind of file than declared, or is over
 * WhatsApp's size limit for its type is refused now (400 VALIDATION_FAILED naming media.url) rather than
 * failing minutes later at the provider. When the server gives no usable answer, the send goes ahead.
 */
export async function checkMediaFile(ctx: Ctx, media: OutboundMedia): Promise<void> {
  const probe = await probeMedia(media.url, {
    timeoutMs: PROBE_TIMEOUT_MS,
    allowPrivateAddresses: ctx.config.media.allowPrivateAddresses,
  });
  if (probe.kind === "unknown") return;
  if (probe.kind === "rejected")
    throw validationFailed("media.url", `the provider could not fetch it: ${probe.reason}`);
  const { size, contentType } = probe;
  if (contentType === "text/html")
    throw validationFailed("media.url", "serves a web page (text/html), not a file: link the file itself");
  const family = contentType?.split("/")[0];
  if (
    media.type !== "document" &&
    family &&
    family !== media.type &&
    contentType !== "application/octet-stream"
  )
    throw validationFailed(
      "media.url",
      `serves ${contentType}, not ${/^[aeiou]/.test(media.type) ? "an" : "a"} ${media.type}`,
    );
  const limit = WHATSAPP_MEDIA_MAX_BYTES[media.type];
  if (size !== undefined && size > limit)
    throw validationFailed(
      "media.url",
      `the file is ${(size / MB).toFixed(1)} MB; WhatsApp takes ${media.type} files up to ${limit / MB} MB`,
    );
}
