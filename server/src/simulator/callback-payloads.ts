import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { AcceptedMessage } from "./simulator-state";

// The v2 bodies Gupshup POSTs to a callback URL, built to the shapes in docs/gupshup-formats.md §4.

export type AppIdentity = { appName: string; appId: string; source: string };
export type StatusStep = {
  type: "enqueued" | "sent" | "delivered" | "read" | "failed";
  code?: number;
  reason?: string;
  /** A Gupshup-side failure: no enqueued before it, `id` is Gupshup's id. */
  sync?: boolean;
};

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

export function v2UserEvent(app: AppIdentity, phone: string, type: string, nowMs: number): object {
  return { app: app.appName, timestamp: nowMs, version: 2, type: "user-event", payload: { phone, type } };
}

/** Meta's marketing-messages preference (stop / resume) as a v2 `preference-event`. */
export function v2PreferenceEvent(app: AppIdentity, phone: string, value: string, nowMs: number): object {
  return {
    app: app.appName,
    timestamp: nowMs,
    version: 2,
    type: "preference-event",
    payload: {
      phone,
      type: "user_preferences",
      category: "marketing_messages",
      value,
      detail: `User requested to ${value} marketing messages`,
      timestamp: Math.floor(nowMs / 1000),
    },
  };
}
