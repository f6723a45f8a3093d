import type { InboundContent, InboundMediaKind } from "@server/providers/inbound-event";
import { z } from "zod";
import { contactCard, flowResponse } from "./webhook-v2-message";
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
const FlowReply = z.looseObject({ name: text, body: text, response_json: z.unknown().optional() });
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
    // A template's quick-reply button: `payload` is what we attached, `text` the label the guest saw.
    const b = Button.parse(body);
    return {
      type: "reply",
      replyType: "template_button",
      title: b.text ?? b.payload ?? "",
      payload: b.payload,
    };
  }
  if (type === "interactive") return interactiveReply(body);
  if (type === "reaction") {
    const r = Reaction.parse(body);
    if (r.emoji !== undefined) return { type: "reaction", emoji: r.emoji, messageId: r.message_id };
  }
  return { type: "unsupported", providerType: type, raw: message };
}

function interactiveReply(body: Record<string, unknown>): InboundContent {
  const i = Interactive.parse(body);
  const kind = i.type ?? (i.button_reply ? "button_reply" : i.list_reply ? "list_reply" : "unknown");
  const reply = kind === "list_reply" ? i.list_reply : kind === "button_reply" ? i.button_reply : undefined;
  if (reply) {
    return {
      type: "reply",
      replyType: kind,
      title: reply.title ?? "",
      payload: reply.id,
      id: reply.id,
      description: reply.description,
    };
  }
  if (kind === "nfm_reply") {
    const flow = FlowReply.parse(record.parse(body.nfm_reply));
    return {
      type: "reply",
      replyType: "nfm_reply",
      title: flow.body ?? "Form submitted",
      id: flow.name,
      response: flowResponse(flow.response_json),
      raw: body,
    };
  }
  // An interactive kind Meta added after this code: keep what the guest saw when we can tell, and all of it.
  const inner = Reply.catch({}).parse(record.parse(body[kind]));
  return { type: "reply", replyType: kind, title: inner.title ?? "", id: inner.id, raw: body };
}
