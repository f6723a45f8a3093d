import type { ProviderChannel } from "./channel-provider";

// What a provider callback means, independent of the vendor's wire shape. Phone numbers are kept as the
// provider wrote them (the domain normalizes); every id is a string.

/** Mirrors the database's message_status enum. */
export type MessageStatus = "PENDING" | "SENT" | "DELIVERED" | "READ" | "FAILED";

export type InboundMediaKind = "image" | "document" | "audio" | "video" | "sticker";

export type InboundContent =
  | { type: "text"; text: string }
  | {
      type: "media";
      mediaType: InboundMediaKind;
      url?: string;
      /** Provider media id when the callback carries no URL (v3/Meta format). */
      mediaId?: string;
      caption?: string;
      filename?: string;
      contentType?: string;
      /** Inbound media URLs expire; download before this. */
      urlExpiresAt?: Date;
    }
  | { type: "location"; latitude: number; longitude: number; name?: string; address?: string }
  | { type: "contacts"; contacts: Array<{ name?: string; phones: string[] }> }
  /**
   * A tap on a button or list row, or a submitted flow: `title` is what the guest saw, `payload` what
   * we attached (postbackText, a button's payload or id), `id` the row/button id.
   */
  | {
      type: "reply";
      replyType: ReplyKind;
      title: string;
      payload?: string;
      id?: string;
      description?: string;
      /** A flow's answers (`nfm_reply` response_json, parsed when it is JSON). */
      response?: unknown;
      /** The provider's object for a kind we do not map field by field. */
      raw?: unknown;
    }
  | { type: "reaction"; emoji: string; messageId?: string }
  /** A message type we cannot map; kept so nothing a guest sent is lost. */
  | { type: "unsupported"; providerType: string; raw: unknown };

/**
 * `button_reply` (interactive reply button), `list_reply` (list row), `template_button` (a template's
 * quick-reply button), `quick_reply` (v2's other quick reply), `nfm_reply` (a WhatsApp Flow), or the
 * provider's own word for an interactive kind we do not know yet.
 */
export type ReplyKind =
  | "button_reply"
  | "list_reply"
  | "template_button"
  | "quick_reply"
  | "nfm_reply"
  | (string & {});

export type InboundMessageEvent = {
  kind: "message";
  channel: ProviderChannel;
  /** WhatsApp message id (wamid) or SMS message id; absent only when the provider sent none. */
  providerMessageId?: string;
  from: string;
  senderName?: string;
  /** The business number or short code the guest wrote to, when the callback says. */
  to?: string;
  timestamp?: Date;
  content: InboundContent;
  /**
   * The business message this one replies to: `providerMessageId` is Gupshup's id (context.gsId /
   * gs_id), `whatsappMessageId` WhatsApp's (context.id / meta_msg_id).
   */
  replyTo?: { providerMessageId?: string; whatsappMessageId?: string };
};

export type StatusEvent = {
  kind: "status";
  channel: ProviderChannel;
  /** Gupshup's message id (the send response's messageId); missing on WhatsApp events older than ~1 week. */
  providerMessageId?: string;
  /** WhatsApp's id (wamid) when known. */
  whatsappMessageId?: string;
  /** Our coarse status, or null when the event changes none (deleted, mismatch, unknown…). */
  status: MessageStatus | null;
  /** The provider's own word, lower-case: submitted, enqueued, sent, delivered, read, failed, deleted… */
  providerStatus: string;
  recipient?: string;
  timestamp?: Date;
  error?: { code: string; reason: string };
};

export type UserEvent = {
  kind: "user";
  channel: ProviderChannel;
  /** As sent; `callbackSetPhone` on the sandbox-start that confirms a new callback URL. */
  phone: string;
  type: string;
  timestamp?: Date;
};

export type BillingEvent = {
  kind: "billing";
  providerMessageId?: string;
  whatsappMessageId?: string;
  category?: string;
  billable?: boolean;
  timestamp?: Date;
};

export type TemplateEvent = {
  kind: "template";
  templateId: string;
  eventType: string;
  status?: string;
  elementName?: string;
  language?: string;
  reason?: string;
  timestamp?: Date;
};

/** Meta's per-user preference (today only `marketing_messages`: `stop` / `resume`). */
export type PreferenceEvent = {
  kind: "preference";
  channel: "WHATSAPP";
  /** As sent: international digits without '+'. */
  phone: string;
  category: string;
  value: string;
  detail?: string;
  timestamp?: Date;
};

/** A callback we cannot map. `unreadable`: the body itself could not be read (not JSON, not a form). */
export type UnsupportedEvent = { kind: "unsupported"; reason: string; unreadable?: true };

export type InboundEvent =
  | InboundMessageEvent
  | StatusEvent
  | UserEvent
  | BillingEvent
  | TemplateEvent
  | PreferenceEvent
  | UnsupportedEvent;
