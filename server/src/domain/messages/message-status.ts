import type { MessageStatus } from "@server/db/schema/index";

/**
 * Status ranks (docs/RELIABILITY.md). A status only ever replaces a lower rank, so late or
 * duplicated callbacks cannot move ticks backwards. `failed` ranks above `sent` but below `delivered`:
 * WhatsApp can report failed after sent, and proof of delivery (multi-device) wins over a failure.
 */
/** The rank of each step; a higher rank replaces a lower one, never the reverse. */
export const STATUS_RANK = {
  pending: 0,
  accepted: 20,
  enqueued: 25,
  sent: 30,
  failed: 40,
  delivered: 50,
  read: 60,
} as const;

const RANK_BY_PROVIDER_STATUS: Record<string, number> = {
  pending: STATUS_RANK.pending,
  submitted: STATUS_RANK.accepted,
  accepted: STATUS_RANK.accepted,
  enqueued: STATUS_RANK.enqueued,
  sent: STATUS_RANK.sent,
  failed: STATUS_RANK.failed,
  delivered: STATUS_RANK.delivered,
  read: STATUS_RANK.read,
  // SMS delivery reports (status-words.ts): without these an SMS never leaves SENT.
  success: STATUS_RANK.delivered,
  delivrd: STATUS_RANK.delivered,
  failure: STATUS_RANK.failed,
  fail: STATUS_RANK.failed,
  undeliv: STATUS_RANK.failed,
  undelivered: STATUS_RANK.failed,
  rejected: STATUS_RANK.failed,
  rejectd: STATUS_RANK.failed,
  expired: STATUS_RANK.failed,
};

const STATUS_BY_RANK: Array<[number, MessageStatus]> = [
  [STATUS_RANK.read, "READ"],
  [STATUS_RANK.delivered, "DELIVERED"],
  [STATUS_RANK.failed, "FAILED"],
  [STATUS_RANK.accepted, "SENT"],
  [STATUS_RANK.pending, "PENDING"],
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
