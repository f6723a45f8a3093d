// The only attachment types the hub shows inline (server: GET /api/messages/:id/media; web: previews).
// Each is recognised from the file's bytes, never from what the sender declared; anything else (SVG,
// HTML, office files…) is served as a download, so a guest's file can never run as a page of ours.

const INLINE_IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"] as const;

const INLINE_MEDIA_TYPES = [
  ...INLINE_IMAGE_TYPES,
  "application/pdf",
  "audio/ogg",
  "audio/mpeg",
  "audio/aac",
  "audio/mp4",
  "audio/amr",
  "video/mp4",
  "video/3gpp",
] as const;

export type InlineMediaType = (typeof INLINE_MEDIA_TYPES)[number];

export const isInlineImageType = (type: string | null | undefined): boolean =>
  (INLINE_IMAGE_TYPES as readonly string[]).includes(type ?? "");

export const isInlineMediaType = (type: string | null | undefined): type is InlineMediaType =>
  (INLINE_MEDIA_TYPES as readonly string[]).includes(type ?? "");
