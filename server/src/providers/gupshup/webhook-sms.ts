import type { InboundEvent, StatusEvent } from "@server/providers/inbound-event";
import { z } from "zod";
import { parseJsonBody } from "./gupshup-outcome";
import { statusForWord } from "./status-words";
import { epoch, optionalId, text } from "./wire-fields";

// Enterprise SMS callbacks (docs/gupshup-formats.md §7.2): delivery reports as a GET query string or as a POST form
// field `response` holding a JSON array (≤ 20 reports), and inbound SMS as form parameters.

const Dlr = z.looseObject({
  externalId: optionalId,
  status: text,
  eventType: text,
  deliveredTS: epoch,
  eventTs: epoch,
  cause: text,
  errCode: text,
  errorCode: text,
  phoneNo: text,
  destAddr: text,
  channel: text,
});

export function isSmsDlr(fields: Record<string, unknown>): boolean {
  return fields.externalId !== undefined && (fields.status !== undefined || fields.eventType !== undefined);
}

export function isInboundSms(fields: Record<string, unknown>): boolean {
  const from = fields.from ?? fields.msisdn;
  const body = fields.text ?? fields.msg ?? fields.content;
  return from !== undefined && body !== undefined;
}

/** The form field `response`: a JSON array of reports (a single object is tolerated). */
export function parseSmsDlrBatch(response: string): InboundEvent[] {
  const json = parseJsonBody(response);
  const items = Array.isArray(json) ? json : json && typeof json === "object" ? [json] : [];
  if (items.length === 0) return [{ kind: "unsupported", reason: "SMS report batch is not a JSON array" }];
  return items.map(parseSmsDlrItem);
}

export function parseSmsDlrItem(item: unknown): InboundEvent {
  const parsed = Dlr.safeParse(item);
  const d = parsed.data;
  const word = (d?.status ?? d?.eventType)?.toLowerCase();
  if (!d?.externalId || !word)
    return { kind: "unsupported", reason: "SMS report without externalId or status" };
  const status = statusForWord(word);
  const code = d.errCode ?? d.errorCode;
  const event: StatusEvent = {
    kind: "status",
    channel: d.channel?.toUpperCase() === "WHATSAPP" ? "WHATSAPP" : "SMS",
    providerMessageId: d.externalId,
    status,
    providerStatus: word,
    recipient: d.phoneNo ?? d.destAddr,
    timestamp: d.deliveredTS ?? d.eventTs,
  };
  return status === "FAILED" ? { ...event, error: { code: code ?? "", reason: d.cause ?? "" } } : event;
}

const InboundSms = z.looseObject({
  from: text,
  msisdn: text,
  text: text,
  msg: text,
  content: text,
  to: text,
  shortcode: text,
  messageId: optionalId,
  msgid: optionalId,
  timestamp: epoch,
});

export function parseInboundSms(fields: Record<string, unknown>): InboundEvent {
  const s = InboundSms.parse(fields);
  const from = s.from ?? s.msisdn;
  if (!from) return { kind: "unsupported", reason: "inbound SMS without a sender" };
  return {
    kind: "message",
    channel: "SMS",
    providerMessageId: s.messageId ?? s.msgid,
    from,
    to: s.to ?? s.shortcode,
    timestamp: s.timestamp,
    content: { type: "text", text: s.text ?? s.msg ?? s.content ?? "" },
  };
}
