// Pacing per source number: one token bucket per lane (channel + our sending number), so a burst of
// booking confirmations drains at the provider's rate instead of meeting 429s, and a 429's Retry-After
// pauses the whole lane, not only the message that met it. Per process: with several workers, each
// paces itself (set SEND_RATE_PER_SECOND to the account's rate divided by the worker count).

type Lane = { tokens: number; refilledAt: number; pausedUntil: number };

export class SendLanes {
  readonly #lanes = new Map<string, Lane>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a send slot on the lane: 0 when the send may go now, else how many ms to wait first. */
  take(laneKey: string): number {
    const lane = this.#lane(laneKey);
    const now = this.now();
    if (lane.pausedUntil > now) return lane.pausedUntil - now;
    lane.tokens = Math.min(
      this.ratePerSecond,
      lane.tokens + ((now - lane.refilledAt) / 1000) * this.ratePerSecond,
    );
    lane.refilledAt = now;
    if (lane.tokens >= 1) {
      lane.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - lane.tokens) / this.ratePerSecond) * 1000));
  }

  /** Stops the lane for `ms` (a provider's Retry-After). */
  pause(laneKey: string, ms: number): void {
    const lane = this.#lane(laneKey);
    lane.pausedUntil = Math.max(lane.pausedUntil, this.now() + ms);
  }

  #lane(key: string): Lane {
    let lane = this.#lanes.get(key);
    if (!lane) {
      lane = { tokens: this.ratePerSecond, refilledAt: this.now(), pausedUntil: 0 };
      this.#lanes.set(key, lane);
    }
    return lane;
  }
}
