// What a file attached in the composer really is, from its first bytes and never from the type the
// browser declared: only what WhatsApp can send (JPEG and PNG images; PDF, Office, text and CSV
// documents) passes, and a file whose bytes are markup (HTML, SVG, XML) never does.

export const SNIFF_BYTES = 4096;

export type SniffedAttachment = {
  mediaType: "image" | "document";
  contentType: string;
  extension: string;
};

export type SniffResult = { ok: true; file: SniffedAttachment } | { ok: false; reason: string };

const OFFICE_ZIP: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};
const OFFICE_OLE: Record<string, string> = {
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  ppt: "application/vnd.ms-powerpoint",
};

const WHAT_FITS = "WhatsApp takes JPEG or PNG images and PDF, Word, Excel, PowerPoint, text or CSV documents";

/** The attachment these leading bytes (and, for containers, the name's extension) make, or why not. */
export function sniffAttachment(head: Buffer, filename: string): SniffResult {
  const ascii = (from: number, to: number) => head.subarray(from, to).toString("latin1");
  const extension = /\.([a-z0-9]{1,5})$/i.exec(filename)?.[1]?.toLowerCase() ?? "";
  const ok = (mediaType: SniffedAttachment["mediaType"], contentType: string, ext: string): SniffResult => ({
    ok: true,
    file: { mediaType, contentType, extension: ext },
  });
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return ok("image", "image/jpeg", "jpg");
  if (ascii(0, 8) === "\x89PNG\r\n\x1a\n") return ok("image", "image/png", "png");
  if (
    ascii(0, 6) === "GIF87a" ||
    ascii(0, 6) === "GIF89a" ||
    (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP")
  )
    return { ok: false, reason: `the file is a GIF or WebP image; ${WHAT_FITS}` };
  if (ascii(0, 5) === "%PDF-") return ok("document", "application/pdf", "pdf");
  if (ascii(0, 4) === "PK\x03\x04") {
    const type = OFFICE_ZIP[extension];
    return type
      ? ok("document", type, extension)
      : { ok: false, reason: `the file is a ZIP archive, not a .docx, .xlsx or .pptx; ${WHAT_FITS}` };
  }
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    const type = OFFICE_OLE[extension];
    return type
      ? ok("document", type, extension)
      : {
          ok: false,
          reason: `the file is an old Office file without a .doc, .xls or .ppt name; ${WHAT_FITS}`,
        };
  }
  if (isPlainText(head)) {
    if (/^\s*</.test(head.toString("utf8").replace(/^\uFEFF/, "")))
      return {
        ok: false,
        reason: `the file is a web page or markup (HTML, SVG or XML), not a photo or document; ${WHAT_FITS}`,
      };
    if (extension === "csv") return ok("document", "text/csv", "csv");
    return ok("document", "text/plain", "txt");
  }
  return { ok: false, reason: `the file's contents are not a type WhatsApp can send; ${WHAT_FITS}` };
}

function isPlainText(head: Buffer): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  try {
    // stream: true lets a character cut at the end of the sample pass; anything else invalid throws.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
