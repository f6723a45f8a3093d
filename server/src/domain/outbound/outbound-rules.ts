import type { OutboundMedia } from "@contract/outbound";
import { countSmsSegments } from "@contract/sms-segments";
import type { Config } from "@server/config";
import { AppError, validationFailed } from "@server/errors";

export type OutboundChannel = "WHATSAPP" | "SMS";

/** WhatsApp's limit for a text message body. */
const WHATSAPP_MAX_TEXT = 4096;
/** WhatsApp's limit for a media caption. */
export const WHATSAPP_MAX_CAPTION = 1024;

/** The channel as the API names it; anything else is a 400 naming the field. */
export function parseChannel(channel: string): OutboundChannel {
  const upper = channel.trim().toUpperCase();
  if (upper === "WHATSAPP" || upper === "SMS") return upper;
  throw validationFailed("channel", `unknown channel "${channel.slice(0, 40)}": expected WHATSAPP or SMS`);
}

/** Text length per channel: WhatsApp in characters, SMS in GSM-7/UCS-2 segments (SMS_MAX_SEGMENTS). */
export function checkTextLength(config: Config, channel: OutboundChannel, text: string): void {
  if (channel === "WHATSAPP") {
    if ([...text].length > WHATSAPP_MAX_TEXT)
      throw new AppError(
        "MESSAGE_TOO_LONG",
        `message: WhatsApp text is limited to ${WHATSAPP_MAX_TEXT} characters`,
        {
          field: "message",
          limit: WHATSAPP_MAX_TEXT,
        },
      );
    return;
  }
  const { segments, encoding } = countSmsSegments(text);
  const max = config.outbound.smsMaxSegments;
  if (segments > max)
    throw new AppError(
      "MESSAGE_TOO_LONG",
      `message: this SMS needs ${segments} ${encoding} segments; the limit is ${max}`,
      { field: "message", segments, encoding, limit: max },
    );
}

// What WhatsApp accepts per media type (Cloud API media reference), by file extension when the URL has one.
const EXTENSIONS: Record<OutboundMedia["type"], string[]> = {
  image: ["jpg", "jpeg", "png"],
  video: ["mp4", "3gp"],
  audio: ["aac", "amr", "mp3", "m4a", "ogg", "opus"],
  document: ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "csv"],
};

/** Media by URL: WhatsApp only, http(s), a file type that matches the declared type, no caption on audio. */
export function checkMedia(channel: OutboundChannel, media: OutboundMedia): void {
  if (channel === "SMS") throw validationFailed("media", "SMS cannot carry media; send a link in the text");
  const url = new URL(media.url);
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw validationFailed("media.url", "must be an http(s) URL the provider can fetch");
  const extension = /\.([a-z0-9]{2,5})$/i.exec(url.pathname)?.[1]?.toLowerCase();
  if (extension && !EXTENSIONS[media.type].includes(extension))
    throw validationFailed(
      "media.url",
      `a .${extension} file is not a WhatsApp ${media.type} (expected ${EXTENSIONS[media.type].join(", ")})`,
    );
  if (media.type === "audio" && media.caption)
    throw validationFailed("media.caption", "WhatsApp audio messages have no caption");
}
