import type { InboundContent, InboundMediaKind } from "@server/providers/inbound-event";

export type InboundMedia = {
  type: string;
  url: string | null;
  caption: string | null;
  filename: string | null;
  mimeType: string | null;
};

export type DescribedContent = {
  /** The message text as staff read it (a media caption, a tapped button's title …), or null. */
  text: string | null;
  /** One line for the thread list. */
  preview: string;
  media: InboundMedia | null;
};

const MEDIA_LABEL: Record<InboundMediaKind, string> = {
  image: "Photo",
  document: "Document",
  audio: "Voice message",
  video: "Video",
  sticker: "Sticker",
};

/** What an inbound message's content becomes on the message row and in the thread list. */
export function describeInboundContent(content: InboundContent): DescribedContent {
  switch (content.type) {
    case "text":
      return { text: content.text, preview: content.text, media: null };
    case "media": {
      const label = MEDIA_LABEL[content.mediaType];
      return {
        text: content.caption ?? null,
        preview: content.caption ? `${label}: ${content.caption}` : label,
        media: {
          type: content.mediaType,
          url: content.url ?? null,
          caption: content.caption ?? null,
          filename: content.filename ?? null,
          mimeType: content.contentType ?? null,
        },
      };
    }
    case "location": {
      const place = [content.name, content.address].filter(Boolean).join(", ");
      const text = `Location: ${content.latitude}, ${content.longitude}${place ? ` (${place})` : ""}`;
      return { text, preview: text, media: null };
    }
    case "contacts": {
      const cards = content.contacts.map((c) => [c.name, ...c.phones].filter(Boolean).join(" "));
      const text = `Contact: ${cards.join("; ")}`;
      return { text, preview: text, media: null };
    }
    case "reply": {
      const label = content.title || content.replyType;
      const preview = content.replyType === "nfm_reply" ? `Form: ${label}` : `Tapped: ${label}`;
      return { text: content.title || null, preview, media: null };
    }
    case "reaction":
      return { text: content.emoji, preview: `Reacted ${content.emoji}`, media: null };
    case "unsupported":
      return { text: null, preview: `Unsupported message (${content.providerType})`, media: null };
  }
}
