import type { OutboundContent, OutboundMessage, TemplateHeader } from "@server/providers/channel-provider";

// OutboundMessage → the `message` (or `template`) JSON of Gupshup's v1 send API (docs/gupshup-formats.md §1.4, §2).

type Json = Record<string, unknown>;
type Interactive = Extract<OutboundContent, { type: "quick_reply" | "list" }>;
type Template = Extract<OutboundContent, { type: "template" }>;

const MAX_TEXT_LENGTH = 4096;

/** Form fields specific to the message (the caller adds channel, source, src.name, destination). */
export function whatsappFormFields(message: OutboundMessage): Record<string, string> {
  if (message.type === "template") return templateFields(message);
  const fields: Record<string, string> = { message: JSON.stringify(messageObject(message)) };
  // Gupshup asks for encode=true when a list carries emoji.
  if (message.type === "list" && /\p{Extended_Pictographic}/u.test(fields.message ?? ""))
    fields.encode = "true";
  return fields;
}

/** Why this message cannot be sent at all, or undefined. */
export function invalidWhatsappMessage(message: OutboundMessage): string | undefined {
  if (message.type === "text" && message.text.length > MAX_TEXT_LENGTH) {
    return `text is longer than ${MAX_TEXT_LENGTH} characters`;
  }
  if (message.type === "quick_reply" && (message.buttons.length < 1 || message.buttons.length > 3)) {
    return "quick-reply messages take 1 to 3 buttons";
  }
  if (message.type === "list") {
    const rows = message.sections.reduce((n, s) => n + s.rows.length, 0);
    if (rows < 1 || rows > 10) return "list messages take 1 to 10 rows";
  }
  return undefined;
}

function messageObject(message: Exclude<OutboundMessage, { type: "template" }>): Json {
  const msgid = message.clientRef ? { msgid: message.clientRef } : {};
  switch (message.type) {
    case "text":
      return {
        type: "text",
        text: message.text,
        ...(message.previewUrl ? { previewUrl: true } : {}),
        ...msgid,
      };
    case "media":
      return { ...mediaObject(message), ...msgid };
    case "location":
      return {
        type: "location",
        latitude: String(message.latitude),
        longitude: String(message.longitude),
        ...(message.name ? { name: message.name } : {}),
        ...(message.address ? { address: message.address } : {}),
        ...msgid,
      };
    case "quick_reply":
    case "list":
      return { ...interactiveObject(message), ...msgid };
  }
}

function mediaObject(media: Extract<OutboundContent, { type: "media" }>): Json {
  const caption = media.caption ? { caption: media.caption } : {};
  switch (media.mediaType) {
    case "image":
      return { type: "image", originalUrl: media.url, previewUrl: media.url, ...caption };
    case "document":
      return { type: "file", url: media.url, filename: media.filename ?? fileNameOf(media.url), ...caption };
    case "audio":
      return { type: "audio", url: media.url };
    case "video":
      return { type: "video", url: media.url, ...caption };
  }
}

function interactiveObject(message: Interactive): Json {
  if (message.type === "quick_reply") {
    return {
      type: "quick_reply",
      content: {
        type: "text",
        ...(message.header ? { header: message.header } : {}),
        text: message.body,
        ...(message.footer ? { caption: message.footer } : {}),
      },
      options: message.buttons.map((b) => ({
        type: "text",
        title: b.title,
        postbackText: b.payload ?? b.title,
      })),
    };
  }
  return {
    type: "list",
    ...(message.title ? { title: message.title } : {}),
    body: message.body,
    ...(message.footer ? { footer: message.footer } : {}),
    globalButtons: [{ type: "text", title: message.buttonLabel }],
    items: message.sections.map((section) => ({
      ...(section.title ? { title: section.title } : {}),
      options: section.rows.map((row) => ({
        type: "text",
        title: row.title,
        ...(row.description ? { description: row.description } : {}),
        postbackText: row.payload ?? row.title,
      })),
    })),
  };
}

function templateFields(message: Template): Record<string, string> {
  const fields: Record<string, string> = {
    template: JSON.stringify({ id: message.templateId, params: message.params }),
  };
  if (message.header) fields.message = JSON.stringify(templateHeader(message.header));
  if (message.buttonPayloads?.length) {
    fields.postbackTexts = JSON.stringify(message.buttonPayloads.map((text, index) => ({ index, text })));
  }
  return fields;
}

function templateHeader(header: TemplateHeader): Json {
  switch (header.type) {
    case "image":
      return { type: "image", image: { link: header.url } };
    case "video":
      return { type: "video", video: { link: header.url } };
    case "document":
      return {
        type: "document",
        document: { link: header.url, filename: header.filename ?? fileNameOf(header.url) },
      };
    case "location":
      return {
        type: "location",
        location: { latitude: String(header.latitude), longitude: String(header.longitude) },
      };
  }
}

function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split("/").pop() || "document");
  } catch {
    return "document";
  }
}
