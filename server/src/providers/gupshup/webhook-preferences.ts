import type { InboundEvent } from "@server/providers/inbound-event";
import { z } from "zod";
import { epoch, record, text } from "./wire-fields";

// Meta's user preferences (today: marketing messages stop/resume). v3 passes Meta's
// `value.user_preferences[]` through; v2 wraps the same items in a `preference-event` envelope, either
// as the payload itself or as `payload.user_preferences[]`, with the phone as `phone`/`source`/`wa_id`.

const Preference = z.looseObject({
  wa_id: text,
  phone: text,
  source: text,
  category: text,
  value: text,
  detail: text,
  timestamp: epoch,
});

/** Every preference item of a v2 `preference-event` payload. */
export function parseV2Preferences(
  payload: Record<string, unknown>,
  envelopeTime: Date | undefined,
): InboundEvent[] {
  const items = Array.isArray(payload.user_preferences) ? payload.user_preferences : [payload];
  const fallbackPhone = text.parse(payload.phone ?? payload.source);
  return items.map((item) => parsePreference(record.parse(item), fallbackPhone, envelopeTime));
}

/** One item of `user_preferences`: phone, category, value and the provider's time. */
export function parsePreference(
  raw: Record<string, unknown>,
  fallbackPhone: string | undefined,
  fallbackTime: Date | undefined,
): InboundEvent {
  const p = Preference.parse(raw);
  const phone = p.wa_id ?? p.phone ?? p.source ?? fallbackPhone;
  if (!phone || !p.category || !p.value)
    return { kind: "unsupported", reason: "user preference without phone, category or value" };
  return {
    kind: "preference",
    channel: "WHATSAPP",
    phone,
    category: p.category.toLowerCase(),
    value: p.value.toLowerCase(),
    detail: p.detail,
    timestamp: p.timestamp ?? fallbackTime,
  };
}
