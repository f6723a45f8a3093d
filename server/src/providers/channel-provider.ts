import type { InboundEvent } from "./inbound-event";
import type { WebhookAuthOptions, WebhookAuthResult, WebhookRequest } from "./webhook-request";

// The contract between the domain and a messaging vendor. Adapters receive plain config, never read the
// environment, never log and never throw for a vendor's answer: every outcome is a value.

export type ProviderId = "gupshup-whatsapp" | "gupshup-sms";
/** Mirrors the database's message_channel enum. */
export type ProviderChannel = "WHATSAPP" | "SMS";

export type MediaKind = "image" | "document" | "audio" | "video";

export type QuickReplyButton = { title: string; payload?: string };
export type ListRow = { title: string; description?: string; payload?: string };
export type ListSection = { title?: string; rows: ListRow[] };
export type TemplateHeader =
  | { type: "image" | "video"; url: string }
  | { type: "document"; url: string; filename?: string }
  | { type: "location"; latitude: number; longitude: number };

export type OutboundContent =
  | { type: "text"; text: string; previewUrl?: boolean }
  | { type: "media"; mediaType: MediaKind; url: string; caption?: string; filename?: string }
  | { type: "location"; latitude: number; longitude: number; name?: string; address?: string }
  | { type: "quick_reply"; body: string; header?: string; footer?: string; buttons: QuickReplyButton[] }
  | {
      type: "list";
      body: string;
      title?: string;
      footer?: string;
      buttonLabel: string;
      sections: ListSection[];
    }
  | {
      type: "template";
      /** Gupshup's template UUID (not Meta's name or id). */
      templateId: string;
      params: string[];
      header?: TemplateHeader;
      /** Postback payloads for the template's quick-reply buttons, by button index. */
      buttonPayloads?: string[];
    };

/**
 * One outbound message. `to` is the recipient as digits with country code (a leading + is tolerated);
 * `clientRef` is our own id, sent as Gupshup's `msgid` and echoed on interactive replies.
 */
export type OutboundMessage = OutboundContent & { to: string; clientRef?: string };

export type SendAccepted = { kind: "accepted"; providerMessageId: string; providerStatus: string };
/** What the vendor itself said, as sent (its code, e.g. `105` or HTTP `401`, and its text): for support. */
export type ProviderError = { providerCode?: string; providerText?: string };

/** Permanent: the same request will fail again; never retry it. */
export type SendRejected = {
  kind: "rejected";
  code: string;
  reason: string;
  httpStatus?: number;
} & ProviderError;
/** The provider did not take the message; retrying later is safe. */
export type SendRetryable = {
  kind: "retryable";
  code: string;
  reason: string;
  retryAfterMs?: number;
  httpStatus?: number;
} & ProviderError;
/** The request reached the provider but no answer came back: it may have been accepted. Do not resend blindly. */
export type SendAmbiguous = { kind: "ambiguous"; reason: string };
export type SendResult = SendAccepted | SendRejected | SendRetryable | SendAmbiguous;

export type SendOptions = { signal?: AbortSignal };

export interface ChannelProvider {
  readonly id: ProviderId;
  readonly channel: ProviderChannel;
  /** Sends one message; resolves with the classified outcome and never rejects for a provider's answer. */
  send(message: OutboundMessage, options?: SendOptions): Promise<SendResult>;
  /** Normalizes any callback body this provider's webhooks can receive; never throws. */
  parseWebhook(request: WebhookRequest): InboundEvent[];
  authenticateWebhook(request: WebhookRequest, options: WebhookAuthOptions): WebhookAuthResult;
}

/** A WhatsApp template as the provider knows it; `body` keeps the `{{n}}` placeholders. */
export type ProviderTemplate = {
  id: string;
  elementName: string;
  language: string;
  category: string | null;
  body: string;
  paramCount: number;
  status: string;
  /** TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION … as Gupshup names it. */
  templateType: string;
};

export type ListTemplatesResult =
  | { kind: "ok"; templates: ProviderTemplate[] }
  | SendRejected
  | SendRetryable;

export interface WhatsappProvider extends ChannelProvider {
  readonly channel: "WHATSAPP";
  listTemplates(options?: SendOptions): Promise<ListTemplatesResult>;
}

export type ProviderRegistry = { whatsapp: WhatsappProvider; sms: ChannelProvider };
