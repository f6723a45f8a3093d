import type { InboundContent, InboundMediaKind } from "@server/providers/inbound-event";
import { z } from "zod";
import { contactCard } from "./webhook-v2-message";
import { numberish, optionalId, record, text } from "./wire-fields";

// The content of one v3 (Meta-format) inbound message: `{type, [type]: {…}}`.

const MEDIA: Record<string, InboundMediaKind> = {
  image: "image",
  document: "document",
  audio: "audio",
  voice: "audio",
  video: "video",
  sticker: "sticker",
};

const Media = z.looseObject({
  id: optionalId,
  link: text,
  url: text,
  caption: text,
  filename: text,
  mime_type: text,
});
const Location = z.looseObject({ latitude: numberish, longitude: numberish, name: text, address: text });
const Reply = z.looseObject({ id: optionalId, title: text, description: text });
const Interactive = z.looseObject({
  type: text,
  button_reply: Reply.optional().catch(undefined),
  list_reply: Reply.optional().catch(undefined),
});
const Button = z.looseObject({ payload: text, text: text });
const Reaction = z.looseObject({ message_id: optionalId, emoji: text });

export function v3Content(type: string, message: Record<string, unknown>): InboundContent {
  const body = record.parse(message[type]);
  const media = Object.hasOwn(MEDIA, type) ? MEDIA[type] : undefined;
  if (type === "text") return { type: "text", text: z.looseObject({ body: text }).parse(body).body ?? "" };
  if (media) {
    const m = Media.parse(body);
    return {
      type: "media",
      mediaType: media,
      url: m.link ?? m.url,
      mediaId: m.id,
      caption: m.caption,
      filename: m.filename,
      contentType: m.mime_type,
    };
  }
  if (type === "location") {
    const l = Location.parse(body);
    if (l.latitude !== undefined && l.longitude !== undefined) {
      return {
        type: "location",
        latitude: l.latitude,
        longitude: l.longitude,
        name: l.name,
        address: l.address,
      };
    }
  }
  if (type === "contacts") {
    const cards = z.array(record).catch([]).parse(message.contacts);
    return { type: "contacts", contacts: cards.map(contactCard) };
  }
  if (type === "button") {
    const b = Button.parse(body);
    return { type: "reply", replyType: "quick_reply", title: b.text ?? b.payload ?? "", payload: b.payload };
  }
  if (type === "interactive") {
    const i = Interactive.parse(body);
    const reply = i.button_reply ?? i.list_reply;
    if (reply) {
      return {
        type: "reply",
        replyType: i.list_reply ? "list_reply" : "button_reply",
        title: reply.title ?? "",
        payload: reply.id,
        id: reply.id,
        description: reply.description,
      };
    }
  }
  if (type === "reaction") {
    const r = Reaction.parse(body);
    if (r.emoji !== undefined) return { type: "reaction", emoji: r.emoji, messageId: r.message_id };
  }
  return { type: "unsupported", providerType: type, raw: message };
}
