import type { TemplateHeaderMedia } from "@contract/outbound";
import { validationFailed } from "@server/errors";
import type { Template } from "./resolve-template";
import type { MessageRow } from "./send-message";

/** A template's media header as the send job gives it to the provider (kept in the message's metadata). */
export type StoredTemplateHeader =
  | { type: "image" | "video"; url: string }
  | { type: "document"; url: string; filename?: string };

const MEDIA_HEADERS = { IMAGE: "image", VIDEO: "video", DOCUMENT: "document" } as const;

/** The template's header kind when a send must carry header media, else undefined (text or no header). */
export function mediaHeaderKind(template: Template): StoredTemplateHeader["type"] | undefined {
  const type = template.headerType?.toUpperCase();
  return type && type in MEDIA_HEADERS ? MEDIA_HEADERS[type as keyof typeof MEDIA_HEADERS] : undefined;
}

/**
 * Matches the send's header media to the template: WhatsApp refuses a media-header template without its
 * media, and a text template has nowhere to put one, so both are a 400 here rather than a failed send later.
 */
export function templateHeaderFor(
  template: Template,
  headerMedia: TemplateHeaderMedia | undefined,
): StoredTemplateHeader | undefined {
  const kind = mediaHeaderKind(template);
  if (!kind) {
    if (headerMedia)
      throw validationFailed(
        "headerMedia",
        `template ${template.name} has no image, video or document header`,
      );
    return undefined;
  }
  if (!headerMedia)
    throw validationFailed("headerMedia", `template ${template.name} has a ${kind} header: give its url`);
  const url = new URL(headerMedia.url);
  // Our own uploads are served at /media/outbound/… on the hub's origin, which may be plain http in dev.
  const ownUpload = url.protocol === "http:" && url.pathname.startsWith("/media/outbound/");
  if (url.protocol !== "https:" && !ownUpload)
    throw validationFailed("headerMedia.url", "must be an https URL (or an upload's /media/outbound/ URL)");
  if (kind !== "document") {
    if (headerMedia.filename)
      throw validationFailed("headerMedia.filename", `is for document headers, not ${kind}`);
    return { type: kind, url: headerMedia.url };
  }
  return { type: "document", url: headerMedia.url, filename: headerMedia.filename };
}

/**
 * Before headerMedia, API callers sent a template's header as `media` (and a composer upload arrives as
 * `media` too): still honoured when its type is the header's.
 */
export function mediaAsHeader(
  template: Template,
  media: { type: string; url: string; filename?: string } | undefined,
): TemplateHeaderMedia | undefined {
  if (!media) return undefined;
  const kind = mediaHeaderKind(template);
  if (kind && media.type !== kind)
    throw validationFailed("media.type", `template ${template.name} has a ${kind} header, not ${media.type}`);
  return { url: media.url, ...(media.filename && kind === "document" ? { filename: media.filename } : {}) };
}

/** The header stored with a template message, so a retry sends exactly the same one. */
export function storedTemplateHeader(row: MessageRow): StoredTemplateHeader | undefined {
  return (row.metadata as { templateHeader?: StoredTemplateHeader } | null)?.templateHeader;
}
