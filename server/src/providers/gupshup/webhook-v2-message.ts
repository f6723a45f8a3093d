import type { InboundContent, InboundEvent, InboundMediaKind } from "@server/providers/inbound-event";
import { z } from "zod";
import { epoch, numberish, optionalId, record, text } from "./wire-fields";

// v2 `type: "message"` (docs/gupshup-formats.md §4.2), and the flat test payload (README, "Test Webhook")
// {"type":"message","payload":{"phone","message","messageId?","timestamp?","channel?"}}.

const Sender = z.looseObject({ phone: text, name: text }).optional().catch(undefined);
const Context = z
  .looseObject({ id: optionalId, gsId: optionalId, gs_id: optionalId, meta_msg_id: optionalId })
  .optional()
  .catch(undefined);
const V2Message = z.looseObject({
  id: optionalId,
  source: text,
  type: text,
  payload: record,
  sender: Sender,
  context: Context,
});
const FlatMessage = z.looseObject({
  phone: text,
  message: text,
  messageId: optionalId,
  timestamp: z.unknown().optional(),
  channel: text,
});

/** Whether a `message` payload is the flat test shape rather than Gupshup's v2 shape. */
export function isFlatTestMessage(payload: Record<string, unknown>): boolean {
  return payload.phone !== undefined && payload.sender === undefined && payload.payload === undefined;
}

export function parseV2Message(
  payload: Record<string, unknown>,
  envelopeTime: Date | undefined,
): InboundEvent {
  const m = V2Message.parse(payload);
  const from = m.sender?.phone ?? m.source;
  if (!from) return { kind: "unsupported", reason: "message without a sender phone" };
  const replyTo = m.context && {
    providerMessageId: m.context.gsId ?? m.context.gs_id,
    whatsappMessageId: m.context.meta_msg_id ?? m.context.id,
  };
  return {
    kind: "message",
    channel: "WHATSAPP",
    providerMessageId: m.id,
    from,
    senderName: m.sender?.name,
    timestamp: envelopeTime,
    content: v2Content(m.type ?? "", m.payload),
    ...(replyTo && (replyTo.providerMessageId || replyTo.whatsappMessageId) ? { replyTo } : {}),
  };
}

export function parseFlatTestMessage(
  payload: Record<string, unknown>,
  envelopeTime: Date | undefined,
): InboundEvent {
  const m = FlatMessage.parse(payload);
  if (!m.phone) return { kind: "unsupported", reason: "test message without phone" };
  return {
    kind: "message",
    channel: m.channel?.toLowerCase() === "sms" ? "SMS" : "WHATSAPP",
    providerMessageId: m.messageId,
    from: m.phone,
    timestamp: anyTime(m.timestamp) ?? envelopeTime,
    content: { type: "text", text: m.message ?? "" },
  };
}

const MEDIA_TYPES: Record<string, InboundMediaKind> = {
  image: "image",
  file: "document",
  document: "document",
  audio: "audio",
  voice: "audio",
  video: "video",
  sticker: "sticker",
};

const Inner = z.looseObject({
  text: text,
  url: text,
  caption: text,
  name: text,
  contentType: text,
  urlExpiry: epoch,
  latitude: numberish,
  longitude: numberish,
  address: text,
  title: text,
  id: optionalId,
  reply: text,
  postbackText: text,
  description: text,
  emoji: text,
  msgId: optionalId,
  type: text,
  payload: text,
  body: text,
  response_json: z.unknown().optional(),
  responseJson: z.unknown().optional(),
  contacts: z.array(record).catch([]),
});

function v2Content(type: string, payload: Record<string, unknown>): InboundContent {
  const p = Inner.parse(payload);
  const media = Object.hasOwn(MEDIA_TYPES, type) ? MEDIA_TYPES[type] : undefined;
  if (type === "text") return { type: "text", text: p.text ?? "" };
  if (media) {
    return {
      type: "media",
      mediaType: media,
      url: p.url,
      caption: p.caption,
      filename: p.name,
      contentType: p.contentType,
      urlExpiresAt: p.urlExpiry,
    };
  }
  if (type === "location" && p.latitude !== undefined && p.longitude !== undefined) {
    return {
      type: "location",
      latitude: p.latitude,
      longitude: p.longitude,
      name: p.name,
      address: p.address,
    };
  }
  if (type === "contact") return { type: "contacts", contacts: p.contacts.map(contactCard) };
  if (type === "button_reply" || type === "list_reply" || type === "quick_reply" || type === "button") {
    // A template's quick-reply button arrives as quick_reply with inner type "button" (docs/gupshup-formats.md §4.2).
    const templateButton = type === "button" || p.type?.toLowerCase() === "button";
    return {
      type: "reply",
      replyType: templateButton ? "template_button" : type,
      title: p.title ?? p.text ?? p.reply ?? "",
      payload: p.postbackText ?? p.payload,
      id: p.id,
      description: p.description,
    };
  }
  if (type === "nfm_reply") {
    return {
      type: "reply",
      replyType: "nfm_reply",
      title: p.body ?? p.title ?? "Form submitted",
      id: p.name ?? p.id,
      response: flowResponse(p.response_json ?? p.responseJson),
      raw: payload,
    };
  }
  // Reaction shape on v2 is not documented; read the likely fields and keep the raw payload otherwise.
  if (type === "reaction" && p.emoji !== undefined)
    return { type: "reaction", emoji: p.emoji, messageId: p.msgId ?? p.id };
  return { type: "unsupported", providerType: type || "unknown", raw: payload };
}

const Card = z.looseObject({
  name: z
    .looseObject({ formatted_name: text, first_name: text, last_name: text })
    .optional()
    .catch(undefined),
  phones: z.array(z.looseObject({ phone: text, wa_id: text })).catch([]),
});

export function contactCard(card: Record<string, unknown>): { name?: string; phones: string[] } {
  const c = Card.parse(card);
  const name =
    c.name?.formatted_name ??
    ([c.name?.first_name, c.name?.last_name].filter(Boolean).join(" ") || undefined);
  return { name, phones: c.phones.flatMap((p) => ((p.phone ?? p.wa_id) ? [p.phone ?? p.wa_id ?? ""] : [])) };
}

function anyTime(value: unknown): Date | undefined {
  if (typeof value === "string" && !/^\d+$/.test(value.trim())) {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : new Date(parsed);
  }
  return epoch.parse(value);
}

/** A flow's answers: Meta sends them as a JSON string; kept as given when it is not JSON. */
export function flowResponse(value: unknown): unknown {
  if (typeof value !== "string") return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
