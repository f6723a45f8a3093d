import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { AcceptedMessage } from "./simulator-state";

// The bodies Gupshup POSTs to a callback URL, built to the shapes of the wire doc (§4 v2, §5 v3).

export type AppIdentity = { appName: string; appId: string; source: string };
export type StatusStep = {
  type: "enqueued" | "sent" | "delivered" | "read" | "failed";
  code?: number;
  reason?: string;
  /** A Gupshup-side failure: no enqueued before it, `id` is Gupshup's id. */
  sync?: boolean;
};

const WABA_ID = "112535025189792";
const PHONE_NUMBER_ID = "158072934066266";

export function v2StatusEvent(
  app: AppIdentity,
  msg: AcceptedMessage,
  step: StatusStep,
  nowMs: number,
): object {
  return {
    app: app.appName,
    timestamp: nowMs,
    version: 2,
    type: "message-event",
    payload: v2StatusPayload(msg, step, nowMs),
  };
}

function v2StatusPayload(msg: AcceptedMessage, step: StatusStep, nowMs: number): object {
  const base = { type: step.type, destination: msg.destination };
  if (step.type === "enqueued") {
    return {
      ...base,
      id: msg.messageId,
      payload: { whatsappMessageId: msg.whatsappMessageId, type: msg.kind },
    };
  }
  if (step.type === "failed") {
    const ids = step.sync ? { id: msg.messageId } : { gsId: msg.messageId };
    return { ...base, ...ids, payload: { code: step.code, reason: step.reason } };
  }
  const ts = Math.floor(nowMs / 1000);
  const extra =
    step.type === "sent"
      ? {
          conversation: { id: msg.messageId.replace(/-/g, ""), expiresAt: ts + 86_400, type: "service" },
          pricing: {
            policy: "PMP",
            category: msg.kind === "template" ? "utility" : "service",
            type: "regular",
          },
        }
      : {};
  return { ...base, id: msg.whatsappMessageId, gsId: msg.messageId, payload: { ts }, ...extra };
}

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
    // enqueued carries a millisecond number; every other status seconds as a string (wire doc §5).
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

export type InboundSpec = {
  id: string;
  from: string;
  name: string;
  /** Gupshup's v2 message type: text, image, file, audio, video, sticker. */
  type: string;
  inner: Record<string, unknown>;
  replyTo?: { gsId?: string; whatsappId?: string };
};

export function v2InboundMessage(app: AppIdentity, m: InboundSpec, nowMs: number): object {
  const phone = parsePhoneNumberFromString(`+${m.from}`);
  const context = m.replyTo ? { context: { id: m.replyTo.whatsappId, gsId: m.replyTo.gsId } } : {};
  return {
    app: app.appName,
    timestamp: nowMs,
    version: 2,
    type: "message",
    payload: {
      id: m.id,
      source: m.from,
      type: m.type,
      payload: m.inner,
      sender: {
        phone: m.from,
        name: m.name,
        country_code: phone?.countryCallingCode ?? "",
        dial_code: phone?.nationalNumber ?? m.from,
      },
      ...context,
    },
  };
}

export function v3InboundMessage(app: AppIdentity, m: InboundSpec, nowMs: number): object {
  const type = m.type === "file" ? "document" : m.type;
  const inner = m.type === "text" ? { body: m.inner.text } : v3Media(m.inner);
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

export function v2UserEvent(app: AppIdentity, phone: string, type: string, nowMs: number): object {
  return { app: app.appName, timestamp: nowMs, version: 2, type: "user-event", payload: { phone, type } };
}

/** An Enterprise SMS delivery report, as the fields of the GET query string. */
export function smsDlrFields(
  msg: AcceptedMessage,
  delivered: boolean,
  sender: string,
  nowMs: number,
): Record<string, string> {
  return {
    externalId: msg.messageId,
    deliveredTS: String(nowMs),
    status: delivered ? "SUCCESS" : "FAILURE",
    cause: delivered ? "SUCCESS" : "UNKNOWN_SUBSCRIBER",
    phoneNo: msg.destination,
    errCode: delivered ? "000" : "003",
    noOfFrags: "1",
    mask: sender,
  };
}

/** The same report as one element of the POST `response` batch. */
export function smsDlrBatchItem(fields: Record<string, string>): object {
  return {
    externalId: fields.externalId,
    eventType: fields.status === "SUCCESS" ? "DELIVERED" : "FAILED",
    eventTs: Number(fields.deliveredTS),
    destAddr: fields.phoneNo,
    srcAddr: fields.mask,
    cause: fields.cause,
    errCode: fields.errCode,
    channel: "SMS",
    noOfFrags: 1,
  };
}

function metadata(app: AppIdentity): object {
  return { display_phone_number: app.source, phone_number_id: PHONE_NUMBER_ID };
}

function v3Envelope(app: AppIdentity, entry: object): object {
  return { object: "whatsapp_business_account", gs_app_id: app.appId, entry: [entry] };
}
