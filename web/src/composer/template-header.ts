import type { AttachmentDto } from "@contract/composer";
import type { TemplateDto, ThreadReplyBody } from "@contract/outbound";

// A template whose header is an image, video or document needs that media with every send
// (server/src/domain/outbound/template-header.ts): a link, or a file uploaded to the thread.

export type HeaderKind = "image" | "video" | "document";

export type TemplateHeaderDraft = { url: string; filename: string; attachment?: AttachmentDto };

const KINDS: Record<string, HeaderKind> = { IMAGE: "image", VIDEO: "video", DOCUMENT: "document" };

export function headerKind(template: TemplateDto): HeaderKind | undefined {
  return template.headerType ? KINDS[template.headerType.toUpperCase()] : undefined;
}

/** What the link field still lacks, in words, or undefined when the header is ready to send. */
export function headerProblem(kind: HeaderKind | undefined, header: TemplateHeaderDraft | undefined) {
  if (!kind || header?.attachment) return undefined;
  const url = header?.url.trim() ?? "";
  if (!url) return `Add the header ${kind}`;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "https:" && !parsed.pathname.startsWith("/media/outbound/"))
      return "The header link must start with https://";
  } catch {
    return "The header link is not a web address";
  }
  return undefined;
}

/** The reply body's fields for the header: the uploaded file, or the link (and a document's name). */
export function headerRequest(
  kind: HeaderKind | undefined,
  header: TemplateHeaderDraft | undefined,
): Pick<ThreadReplyBody, "headerMedia" | "attachmentId"> {
  if (!kind || !header) return {};
  if (header.attachment) return { attachmentId: header.attachment.id };
  const filename = header.filename.trim();
  return {
    headerMedia: { url: header.url.trim(), ...(kind === "document" && filename ? { filename } : {}) },
  };
}
