import type { MessageStatus, StatusEvent } from "@server/providers/inbound-event";

// Gupshup's status words (WhatsApp events, v3 statuses, SMS delivery reports) → our coarse status.
// Words that change nothing (deleted, mismatch, UNKNOWN …) map to null; the word itself is kept as
// providerStatus either way.

const WORDS: Record<string, MessageStatus> = {
  submitted: "PENDING",
  enqueued: "PENDING",
  accepted: "PENDING",
  pending: "PENDING",
  sent: "SENT",
  delivered: "DELIVERED",
  delivrd: "DELIVERED",
  success: "DELIVERED",
  read: "READ",
  failed: "FAILED",
  failure: "FAILED",
  fail: "FAILED",
  undeliv: "FAILED",
  undelivered: "FAILED",
  rejected: "FAILED",
  rejectd: "FAILED",
  expired: "FAILED",
};

export function statusForWord(word: string): MessageStatus | null {
  const key = word.trim().toLowerCase();
  // Own keys only: a word like "constructor" must not find Object.prototype's member.
  return Object.hasOwn(WORDS, key) ? (WORDS[key] ?? null) : null;
}

/**
 * A WhatsApp status event from its parts, the same for v2 `message-event` and v3 `statuses`. A failure
 * always carries an error (empty code and reason when Gupshup gave none), as does any event that has one.
 */
export function whatsappStatusEvent(parts: {
  word: string;
  providerMessageId: string | undefined;
  whatsappMessageId: string | undefined;
  recipient: string | undefined;
  timestamp: Date | undefined;
  code: string | undefined;
  reason: string | undefined;
}): StatusEvent {
  const { word, code, reason, ...ids } = parts;
  return {
    kind: "status",
    channel: "WHATSAPP",
    ...ids,
    status: statusForWord(word),
    providerStatus: word,
    ...(code !== undefined || reason !== undefined || word === "failed"
      ? { error: { code: code ?? "", reason: reason ?? "" } }
      : {}),
  };
}
