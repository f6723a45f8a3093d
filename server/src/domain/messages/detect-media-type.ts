import type { InlineMediaType } from "@contract/media-types";

// What a stored attachment really is, read from its first bytes (magic numbers). Only the types the hub
// shows inline are recognised; anything else is "not one of ours" and is served as a download.

/** The inline type these leading bytes begin, or undefined. */
export function sniffMediaType(head: Buffer): InlineMediaType | undefined {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString("latin1");
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "image/jpeg";
  if (ascii(0, 8) === "\x89PNG\r\n\x1a\n") return "image/png";
  if (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a") return "image/gif";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  if (ascii(0, 5) === "%PDF-") return "application/pdf";
  if (ascii(0, 4) === "OggS") return "audio/ogg";
  if (ascii(0, 5) === "#!AMR") return "audio/amr";
  if (ascii(0, 3) === "ID3") return "audio/mpeg";
  if (ascii(4, 8) === "ftyp") return isoBrand(ascii(8, 12));
  const [first = 0, second = 0] = head;
  // MPEG audio frame sync: 11 set bits; the layer bits tell MP3 (layer I–III) from ADTS AAC (layer 0).
  if (first === 0xff && (second & 0xe0) === 0xe0) return (second & 0x06) === 0 ? "audio/aac" : "audio/mpeg";
  return undefined;
}

// ISO base media files name their family in the first box's major brand; HEIC, AVIF, QuickTime and
// the rest are not ours to show inline.
function isoBrand(brand: string): InlineMediaType | undefined {
  if (/^3g[2p]/.test(brand) || brand === "3ge6" || brand === "3ge7") return "video/3gpp";
  if (brand === "M4A " || brand === "M4B ") return "audio/mp4";
  if (/^(isom|iso\d|mp41|mp42|avc1|dash|M4V |MSNV|mmp4)$/.test(brand)) return "video/mp4";
  return undefined;
}
