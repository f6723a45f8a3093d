import type { AppIdentity, InboundSpec, StatusStep } from "./callback-payloads";
import type { AcceptedMessage } from "./simulator-state";

// The v3 (Meta Cloud API format) bodies of the same events (docs/gupshup-formats.md §5), for the callbackFormat knob.

const WABA_ID = "112535025189792";
const PHONE_NUMBER_ID = "158072934066266";

export function v3StatusEvent(
  app: AppIdentity,
  msg: AcceptedMessage,
  step: StatusStep,
  nowMs: number,
): object {
  const gupshupSide = step.type === "enqueued" || step.sync;
  const status = {
    id: gupshupSide ? msg.messageId : msg.whatsappMessageId,
    gs_id: msg.messageId,
    status: step.type,
    // enqueued carries a millisecond number; every other status seconds as a string (docs/gupshup-formats.md §5).
    timestamp: step.type === "enqueued" ? nowMs : String(Math.floor(nowMs / 1000)),
    recipient_id: msg.destination,
    ...(step.type === "failed" ? { errors: [{ code: step.code, title: step.reason }] } : {}),
  };
  const value =
    step.type === "enqueued"
      ? { messaging_product: "whatsapp", statuses: [status] }
      : { messaging_product: "whatsapp", metadata: metadata(app), statuses: [status] };
  const entry = step.type === "enqueued" ? {} : { id: WABA_ID };
  return v3Envelope(app, { ...entry, changes: [{ field: "messages", value }] });
}

export function v3InboundMessage(app: AppIdentity, m: InboundSpec, nowMs: number): object {
  const tapped = m.type === "list_reply" || m.type === "button_reply";
  // A template's quick-reply button is Meta's `button` message; a list row or reply button `interactive`.
  const type =
    m.type === "file" ? "document" : m.type === "quick_reply" ? "button" : tapped ? "interactive" : m.type;
  const inner =
    m.type === "text"
      ? { body: m.inner.text }
      : m.type === "quick_reply"
        ? { payload: m.inner.postbackText, text: m.inner.text }
        : tapped
          ? {
              type: m.type,
              [m.type]: { id: m.inner.postbackText, title: m.inner.title, description: m.inner.description },
            }
          : v3Media(m.inner);
  const context = m.replyTo
    ? {
        context: {
          from: app.source,
          id: m.replyTo.whatsappId,
          gs_id: m.replyTo.gsId,
          meta_msg_id: m.replyTo.whatsappId,
        },
      }
    : {};
  const message = {
    from: m.from,
    id: m.id,
    timestamp: String(Math.floor(nowMs / 1000)),
    type,
    [type]: inner,
    ...context,
  };
  const value = {
    messaging_product: "whatsapp",
    metadata: metadata(app),
    contacts: [{ profile: { name: m.name }, wa_id: m.from }],
    messages: [message],
  };
  return v3Envelope(app, { id: WABA_ID, changes: [{ field: "messages", value }] });
}

function v3Media(inner: Record<string, unknown>): Record<string, unknown> {
  return {
    id: String(Date.now()),
    mime_type: inner.contentType,
    caption: inner.caption,
    filename: inner.name,
    url: inner.url,
  };
}

function metadata(app: AppIdentity): object {
  return { display_phone_number: app.source, phone_number_id: PHONE_NUMBER_ID };
}

function v3Envelope(app: AppIdentity, entry: object): object {
  return { object: "whatsapp_business_account", gs_app_id: app.appId, entry: [entry] };
}
