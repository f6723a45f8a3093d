import type { OutboundContent, OutboundMessage, TemplateHeader } from "@server/providers/channel-provider";
import type { MessageRow } from "./send-message";
import { storedTemplateHeader } from "./template-header";

/** A list or reply-button message, stored in the message's metadata until its send job runs. */
export type OutboundInteractive = Extract<OutboundContent, { type: "list" | "quick_reply" }>;

/** The provider request for a stored message: a template, media, or text. */
export function outboundMessage(row: MessageRow): OutboundMessage {
  const to = row.phone;
  const clientRef = `commhub-${row.id}`;
  if (row.templateId) {
    const params = Array.isArray(row.templateParams) ? row.templateParams.map(String) : [];
    return {
      type: "template",
      to,
      clientRef,
      templateId: row.templateId,
      params,
      header: storedTemplateHeader(row) ?? templateHeader(row),
    };
  }
  if (row.mediaType && row.mediaUrl) {
    return {
      type: "media",
      to,
      clientRef,
      mediaType: row.mediaType as "image" | "document" | "audio" | "video",
      url: row.mediaUrl,
      caption: row.mediaCaption ?? undefined,
      filename: row.mediaFilename ?? undefined,
    };
  }
  const interactive = (row.metadata as { interactive?: OutboundInteractive } | null)?.interactive;
  if (interactive) return { ...interactive, to, clientRef };
  return { type: "text", to, clientRef, text: row.message ?? "" };
}

function templateHeader(row: MessageRow): TemplateHeader | undefined {
  if (!row.mediaUrl) return undefined;
  if (row.mediaType === "document")
    return { type: "document", url: row.mediaUrl, filename: row.mediaFilename ?? undefined };
  if (row.mediaType === "image" || row.mediaType === "video")
    return { type: row.mediaType, url: row.mediaUrl };
  return undefined;
}
