import { createHash } from "node:crypto";
import type { InboundEvent } from "@server/providers/inbound-event";
import type { WebhookRequest } from "@server/providers/webhook-request";
import { parseJsonBody } from "./gupshup-outcome";
import { parseV2Preferences } from "./webhook-preferences";
import { isInboundSms, isSmsDlr, parseInboundSms, parseSmsDlrBatch, parseSmsDlrItem } from "./webhook-sms";
import {
  parseV2BillingEvent,
  parseV2MessageEvent,
  parseV2TemplateEvent,
  parseV2UserEvent,
} from "./webhook-v2-events";
import { isFlatTestMessage, parseFlatTestMessage, parseV2Message } from "./webhook-v2-message";
import { isV3Body, parseV3 } from "./webhook-v3";
import { epoch, record } from "./wire-fields";

type Body =
  | { kind: "json"; value: unknown }
  | { kind: "form"; fields: Record<string, string> }
  | { kind: "unreadable"; reason: string };

/**
 * Normalizes any Gupshup callback (v2, v3, Enterprise SMS reports and inbound SMS, the flat test
 * payload) into events. Never throws: what cannot be understood becomes an `unsupported` event.
 */
export function parseGupshupWebhook(request: Pick<WebhookRequest, "rawBody" | "query">): InboundEvent[] {
  try {
    const body = readBody(request);
    if (body.kind === "unreadable") return [{ kind: "unsupported", reason: body.reason, unreadable: true }];
    if (body.kind === "form") return parseForm(body.fields);
    return parseJson(body.value);
  } catch (err) {
    const reason = `unparseable callback: ${err instanceof Error ? err.message : err}`;
    return [{ kind: "unsupported", reason, unreadable: true }];
  }
}

function readBody(request: Pick<WebhookRequest, "rawBody" | "query">): Body {
  const raw = (
    typeof request.rawBody === "string" ? request.rawBody : request.rawBody.toString("utf8")
  ).trim();
  if (raw.startsWith("{") || raw.startsWith("[")) {
    const value = parseJsonBody(raw);
    return value === undefined
      ? { kind: "unreadable", reason: "body is not valid JSON" }
      : { kind: "json", value };
  }
  // Form bodies and GET query strings carry the same fields; our own ?token= is not one of them.
  const fields = { ...queryFields(request.query), ...Object.fromEntries(new URLSearchParams(raw)) };
  delete fields.token;
  if (Object.keys(fields).length === 0) {
    return { kind: "unreadable", reason: raw ? "body is neither JSON nor a form" : "empty callback" };
  }
  return { kind: "form", fields };
}

function queryFields(query: WebhookRequest["query"]): Record<string, string> {
  if (query === undefined) return {};
  if (typeof query === "string") return Object.fromEntries(new URLSearchParams(query));
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string" || typeof first === "number") out[key] = String(first);
  }
  return out;
}

function parseForm(fields: Record<string, string>): InboundEvent[] {
  if (fields.response !== undefined) return parseSmsDlrBatch(fields.response);
  if (isSmsDlr(fields)) return [parseSmsDlrItem(fields)];
  if (isInboundSms(fields)) return [parseInboundSms(fields)];
  return [
    { kind: "unsupported", reason: `form callback with fields ${Object.keys(fields).sort().join(", ")}` },
  ];
}

function parseJson(value: unknown): InboundEvent[] {
  if (Array.isArray(value))
    return value.length > 0 ? value.map(parseSmsDlrItem) : [unsupported("empty array")];
  const body = record.parse(value);
  if (isV3Body(body)) return parseV3(body);
  if (isSmsDlr(body)) return [parseSmsDlrItem(body)];
  const type = typeof body.type === "string" ? body.type : undefined;
  const payload = record.parse(body.payload);
  const at = epoch.parse(body.timestamp);
  switch (type) {
    case "message":
      if (isFlatTestMessage(payload)) return [parseFlatTestMessage(payload, at)];
      return [withBusinessNumber(parseV2Message(payload, at), body.phone)];
    case "message-event":
      return [parseV2MessageEvent(payload, at)];
    case "user-event":
      return [parseV2UserEvent(payload, at)];
    case "billing-event":
      return [parseV2BillingEvent(payload, at)];
    case "template-event":
      return [parseV2TemplateEvent(payload, at)];
    case "preference-event":
      return parseV2Preferences(payload, at);
    default:
      return [unsupported(type ? `callback type "${type}" is not handled` : "JSON callback without a type")];
  }
}

// Newer v2 envelopes name the business number the guest wrote to (top-level `phone`).
function withBusinessNumber(event: InboundEvent, phone: unknown): InboundEvent {
  const to = typeof phone === "string" || typeof phone === "number" ? String(phone).trim() : "";
  return event.kind === "message" && to ? { ...event, to } : event;
}

function unsupported(reason: string): InboundEvent {
  return { kind: "unsupported", reason };
}

/**
 * The key a stored callback is deduplicated on (Gupshup sends no event id): one event → its own key,
 * several → `batch:` + sha256 of the body, nothing derivable → `raw:` + sha256 of the body.
 * For a GET callback pass the query string as `rawBody`.
 */
export function webhookDedupeKey(events: InboundEvent[], rawBody: string | Buffer): string {
  if (events.length > 1) return `batch:${sha256(rawBody)}`;
  const only = events[0];
  return (only && eventDedupeKey(only)) ?? `raw:${sha256(rawBody)}`;
}

/** One key per event (for per-event idempotency), falling back to the body hash. */
export function deriveDedupeKeys(events: InboundEvent[], rawBody: string | Buffer): string[] {
  return events.map((event) => eventDedupeKey(event) ?? `raw:${sha256(rawBody)}`);
}

/**
 * `msg:{id}`, `st:{gupshupId|waId}:{status}[:{code}]`, `user:{phone}:{type}:{ms}` … or undefined.
 * Keys are stored under unique indexes: one built from odd ids (control characters, over 200
 * characters) becomes its prefix + `#` + sha256 of the key.
 */
export function eventDedupeKey(event: InboundEvent): string | undefined {
  const key = readableKey(event);
  if (key === undefined || (key.length <= 200 && !/\p{Cc}/u.test(key))) return key;
  return `${key.slice(0, key.indexOf(":"))}#${sha256(key)}`;
}

function readableKey(event: InboundEvent): string | undefined {
  switch (event.kind) {
    case "message":
      return event.providerMessageId && `msg:${event.providerMessageId}`;
    case "status": {
      const id = event.providerMessageId ?? event.whatsappMessageId;
      return id && `st:${id}:${event.providerStatus}${event.error?.code ? `:${event.error.code}` : ""}`;
    }
    case "user":
      return `user:${event.phone}:${event.type}:${event.timestamp?.getTime() ?? ""}`;
    case "billing":
      return event.providerMessageId && `bill:${event.providerMessageId}`;
    case "preference":
      return `pref:${event.phone}:${event.category}:${event.value}:${event.timestamp?.getTime() ?? ""}`;
    case "template":
      return `tpl:${event.templateId}:${event.eventType}:${event.status ?? ""}:${event.timestamp?.getTime() ?? ""}`;
    case "unsupported":
      return undefined;
  }
}

function sha256(body: string | Buffer): string {
  return createHash("sha256").update(body).digest("hex");
}
