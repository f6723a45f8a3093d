import type { InboundEvent } from "@server/providers/inbound-event";
import { z } from "zod";
import { whatsappStatusEvent } from "./status-words";
import { parsePreference } from "./webhook-preferences";
import { v3Content } from "./webhook-v3-content";
import { boolish, epoch, optionalId, record, text } from "./wire-fields";

// v3 (Meta Cloud API format, docs/gupshup-formats.md §5): every entry[].changes[].value may carry several messages
// and statuses; all of them are read.

const Change = z.looseObject({ field: text, value: record });
const Entry = z.looseObject({ changes: z.array(z.unknown()).catch([]) });
const V3Body = z.looseObject({ entry: z.array(z.unknown()).catch([]) });
const Value = z.looseObject({
  messages: z.array(record).catch([]),
  statuses: z.array(record).catch([]),
  user_preferences: z.array(record).catch([]),
  contacts: z
    .array(z.looseObject({ wa_id: text, profile: z.looseObject({ name: text }).catch({}) }))
    .catch([]),
  billing: record.optional(),
  metadata: z.looseObject({ display_phone_number: text }).catch({}),
});

export function isV3Body(body: Record<string, unknown>): boolean {
  return body.object === "whatsapp_business_account" || Array.isArray(body.entry);
}

export function parseV3(body: Record<string, unknown>): InboundEvent[] {
  const events: InboundEvent[] = [];
  for (const entry of V3Body.parse(body).entry) {
    for (const rawChange of Entry.catch({ changes: [] }).parse(entry).changes) {
      const change = Change.catch({ field: undefined, value: {} }).parse(rawChange);
      events.push(...parseChange(change.field, change.value));
    }
  }
  return events.length > 0
    ? events
    : [{ kind: "unsupported", reason: "v3 body without messages, statuses or preferences" }];
}

function parseChange(field: string | undefined, rawValue: Record<string, unknown>): InboundEvent[] {
  const value = Value.parse(rawValue);
  if (field === "billing-event" || value.billing) return [v3Billing(value.billing ?? {})];
  const names = new Map(value.contacts.map((c) => [c.wa_id, c.profile.name]));
  const to = value.metadata.display_phone_number;
  const events: InboundEvent[] = [
    ...value.messages.map((m) => v3Message(m, names, to)),
    ...value.statuses.map(v3Status),
    ...value.user_preferences.map((p) => parsePreference(p, undefined, undefined)),
  ];
  return events.length > 0
    ? events
    : [{ kind: "unsupported", reason: `v3 change "${field ?? "?"}" not handled` }];
}

const Message = z.looseObject({
  from: text,
  id: optionalId,
  timestamp: epoch,
  type: text,
  context: z
    .looseObject({ id: optionalId, gs_id: optionalId, meta_msg_id: optionalId })
    .optional()
    .catch(undefined),
});

function v3Message(
  raw: Record<string, unknown>,
  names: Map<string | undefined, string | undefined>,
  to: string | undefined,
): InboundEvent {
  const m = Message.parse(raw);
  if (!m.from) return { kind: "unsupported", reason: "v3 message without from" };
  const replyTo = m.context && {
    providerMessageId: m.context.gs_id,
    whatsappMessageId: m.context.meta_msg_id ?? m.context.id,
  };
  return {
    kind: "message",
    channel: "WHATSAPP",
    providerMessageId: m.id,
    from: m.from,
    senderName: names.get(m.from),
    ...(to ? { to } : {}),
    timestamp: m.timestamp,
    content: v3Content(m.type ?? "unknown", raw),
    ...(replyTo && (replyTo.providerMessageId || replyTo.whatsappMessageId) ? { replyTo } : {}),
  };
}

const Status = z.looseObject({
  id: optionalId,
  gs_id: optionalId,
  status: text,
  type: text,
  timestamp: epoch,
  recipient_id: text,
  errors: z
    .array(
      z.looseObject({
        code: text,
        title: text,
        message: text,
        error_data: z.looseObject({ details: text }).catch({}).optional(),
      }),
    )
    .catch([]),
  code: text,
  reason: text,
});

/** Meta's error as one line: its title, then the message and details when they say more. */
function errorText(error: { title?: string; message?: string; error_data?: { details?: string } }) {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const part of [error.title, error.message, error.error_data?.details]) {
    const key = part
      ?.trim()
      .toLowerCase()
      .replace(/[.\s]+$/, "");
    if (!part || !key || seen.has(key)) continue;
    seen.add(key);
    parts.push(part.trim());
  }
  return parts.length ? parts.join(": ") : undefined;
}

function v3Status(raw: Record<string, unknown>): InboundEvent {
  const s = Status.parse(raw);
  if (!s.status)
    return { kind: "unsupported", reason: `v3 status without a status${s.type ? ` (${s.type})` : ""}` };
  const word = s.status.toLowerCase();
  const gupshupIdFirst = word === "enqueued" || word === "failed";
  const providerMessageId = s.gs_id ?? (gupshupIdFirst ? s.id : undefined);
  const whatsappMessageId = s.id !== providerMessageId ? s.id : undefined;
  const first = s.errors[0];
  const code = first?.code ?? (s.code || undefined);
  const reason = (first && errorText(first)) ?? (s.reason || undefined);
  return whatsappStatusEvent({
    word,
    providerMessageId,
    whatsappMessageId,
    recipient: s.recipient_id,
    timestamp: s.timestamp,
    code,
    reason,
  });
}

const Billing = z.looseObject({
  deductions: z.looseObject({ category: text, type: text, billable: boolish }).catch({}),
  references: z.looseObject({ id: optionalId, gs_id: optionalId, gsId: optionalId }).catch({}),
});

function v3Billing(raw: Record<string, unknown>): InboundEvent {
  const b = Billing.parse(raw);
  return {
    kind: "billing",
    providerMessageId: b.references.gs_id ?? b.references.gsId ?? b.references.id,
    category: b.deductions.category ?? b.deductions.type,
    billable: b.deductions.billable,
  };
}
