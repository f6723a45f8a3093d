import type { InboundEvent, StatusEvent } from "@server/providers/inbound-event";
import { z } from "zod";
import { whatsappStatusEvent } from "./status-words";
import { boolish, epoch, optionalId, record, text } from "./wire-fields";

// v2 `message-event`, `user-event`, `billing-event` and `template-event` (docs/gupshup-formats.md §4.3–4.6).

const MessageEvent = z.looseObject({
  id: optionalId,
  gsId: optionalId,
  gs_id: optionalId,
  type: text,
  destination: text,
  ts: epoch,
  code: text,
  reason: text,
  payload: record,
});
const EventInner = z.looseObject({ ts: epoch, code: text, reason: text, whatsappMessageId: optionalId });

/**
 * Correlation (docs/gupshup-formats.md §4.3): for enqueued/failed `id` is Gupshup's id; for sent/delivered/read `id` is
 * the wamid and `gsId` Gupshup's id (missing on events more than about a week late).
 */
export function parseV2MessageEvent(
  payload: Record<string, unknown>,
  envelopeTime: Date | undefined,
): StatusEvent {
  const e = MessageEvent.parse(payload);
  const inner = EventInner.parse(e.payload);
  const word = (e.type ?? "unknown").toLowerCase();
  const gsId = e.gsId ?? e.gs_id;
  const gupshupIdFirst = word === "enqueued" || word === "failed";
  const providerMessageId = gupshupIdFirst ? (gsId ?? e.id) : gsId;
  const whatsappMessageId = gupshupIdFirst
    ? (inner.whatsappMessageId ?? (gsId && e.id !== gsId ? e.id : undefined))
    : e.id;
  return whatsappStatusEvent({
    word,
    providerMessageId,
    whatsappMessageId,
    recipient: e.destination,
    timestamp: inner.ts ?? e.ts ?? envelopeTime,
    code: inner.code ?? e.code,
    reason: inner.reason ?? e.reason,
  });
}

const UserEventPayload = z.looseObject({ phone: text, type: text });

export function parseV2UserEvent(
  payload: Record<string, unknown>,
  envelopeTime: Date | undefined,
): InboundEvent {
  const u = UserEventPayload.parse(payload);
  if (!u.phone || !u.type) return { kind: "unsupported", reason: "user-event without phone or type" };
  return { kind: "user", channel: "WHATSAPP", phone: u.phone, type: u.type, timestamp: envelopeTime };
}

const Billing = z.looseObject({
  deductions: z.looseObject({ category: text, type: text, billable: boolish }).catch({}),
  references: z.looseObject({ id: optionalId, gsId: optionalId, gs_id: optionalId }).catch({}),
});

export function parseV2BillingEvent(
  payload: Record<string, unknown>,
  envelopeTime: Date | undefined,
): InboundEvent {
  const b = Billing.parse(payload);
  return {
    kind: "billing",
    providerMessageId: b.references.gsId ?? b.references.gs_id ?? b.references.id,
    category: b.deductions.category ?? b.deductions.type,
    billable: b.deductions.billable,
    timestamp: envelopeTime,
  };
}

const TemplatePayload = z.looseObject({
  id: optionalId,
  type: text,
  status: text,
  elementName: text,
  languageCode: text,
  rejectedReason: text,
  reason: text,
});

export function parseV2TemplateEvent(
  payload: Record<string, unknown>,
  envelopeTime: Date | undefined,
): InboundEvent {
  const t = TemplatePayload.parse(payload);
  if (!t.id) return { kind: "unsupported", reason: "template-event without a template id" };
  return {
    kind: "template",
    templateId: t.id,
    eventType: t.type ?? "status-update",
    status: t.status,
    elementName: t.elementName,
    language: t.languageCode,
    reason: t.rejectedReason ?? t.reason,
    timestamp: envelopeTime,
  };
}
