import type { MessageStatus } from "@server/db/schema/index";

/**
 * Status ranks (docs/RELIABILITY.md). A status only ever replaces a lower rank, so late or
 * duplicated callbacks cannot move ticks backwards. `failed` ranks above `sent` but below `delivered`:
 * WhatsApp can report failed after sent, and proof of delivery (multi-device) wins over a failure.
 */
const RANK_BY_PROVIDER_STATUS: Record<string, number> = {
  pending: 0,
  submitted: 20,
  accepted: 20,
  enqueued: 25,
  sent: 30,
  failed: 40,
  delivered: 50,
  read: 60,
  // SMS delivery reports (status-words.ts): without these an SMS never leaves SENT.
  success: 50,
  delivrd: 50,
  failure: 40,
  fail: 40,
  undeliv: 40,
  undelivered: 40,
  rejected: 40,
  rejectd: 40,
  expired: 40,
};

const STATUS_BY_RANK: Array<[number, MessageStatus]> = [
  [60, "READ"],
  [50, "DELIVERED"],
  [40, "FAILED"],
  [20, "SENT"],
  [0, "PENDING"],
];

/** The rank of a provider's status word, or undefined for words that do not move the status (deleted, mismatch). */
export function rankOf(providerStatus: string): number | undefined {
  const key = providerStatus.toLowerCase();
  // Own keys only: a provider word like "constructor" must not find Object.prototype's member.
  return Object.hasOwn(RANK_BY_PROVIDER_STATUS, key) ? RANK_BY_PROVIDER_STATUS[key] : undefined;
}

export function statusForRank(rank: number): MessageStatus {
  for (const [min, status] of STATUS_BY_RANK) if (rank >= min) return status;
  return "PENDING";
}

/** The timestamp column an event of this rank fills: sentAt, deliveredAt, readAt or failedAt. */
export function timestampColumnFor(
  rank: number,
): "sentAt" | "deliveredAt" | "readAt" | "failedAt" | undefined {
  if (rank === 60) return "readAt";
  if (rank === 50) return "deliveredAt";
  if (rank === 40) return "failedAt";
  if (rank >= 20) return "sentAt";
  return undefined;
}
