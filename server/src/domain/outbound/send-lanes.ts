// Pacing per source number: one token bucket per lane (channel + our sending number), so a burst of
// booking confirmations drains at the provider's rate instead of meeting 429s, and a 429's Retry-After
// pauses the whole lane, not only the message that met it. Each lane also has a circuit breaker: after
// several provider failures in a row it stops sending for a while, then lets one probe through; messages
// wait in the queue meanwhile (no attempt is spent, none fails). Per process: with several workers,
// each paces itself (set SEND_RATE_PER_SECOND to the account's rate divided by the worker count).

type Breaker = { failures: number; openUntil: number; probeSince: number | null };
type Lane = { tokens: number; refilledAt: number; pausedUntil: number; breaker: Breaker };

export type LaneOptions = {
  /** Failures in a row (5xx, refused connections, timeouts) that open the breaker. */
  breakerFailures?: number;
  /** How long an open breaker waits before letting one probe through. */
  breakerResetMs?: number;
};

/** What a provider call told the breaker: the provider answered, failed, or limited us (no verdict). */
export type LaneVerdict = "healthy" | "failing" | "neutral";

export class SendLanes {
  readonly #lanes = new Map<string, Lane>();
  readonly #breakerFailures: number;
  readonly #breakerResetMs: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = Date.now,
    options: LaneOptions = {},
  ) {
    this.#breakerFailures = options.breakerFailures ?? 5;
    this.#breakerResetMs = options.breakerResetMs ?? 30_000;
  }

  /** Takes a send slot on the lane: 0 when the send may go now, else how many ms to wait first. */
  take(laneKey: string): number {
    const lane = this.#lane(laneKey);
    const now = this.now();
    if (lane.pausedUntil > now) return lane.pausedUntil - now;
    const closedIn = this.#breakerWait(lane.breaker, now);
    if (closedIn > 0) return closedIn;
    lane.tokens = Math.min(
      this.ratePerSecond,
      lane.tokens + ((now - lane.refilledAt) / 1000) * this.ratePerSecond,
    );
    lane.refilledAt = now;
    if (lane.tokens >= 1) {
      lane.tokens -= 1;
      if (lane.breaker.openUntil > 0) lane.breaker.probeSince = now;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - lane.tokens) / this.ratePerSecond) * 1000));
  }

  /** Stops the lane for `ms` (a provider's Retry-After). */
  pause(laneKey: string, ms: number): void {
    const lane = this.#lane(laneKey);
    lane.pausedUntil = Math.max(lane.pausedUntil, this.now() + ms);
  }

  /** Feeds the breaker with the outcome of a provider call. */
  record(laneKey: string, verdict: LaneVerdict): void {
    if (verdict === "neutral") return;
    const breaker = this.#lane(laneKey).breaker;
    if (verdict === "healthy") {
      Object.assign(breaker, { failures: 0, openUntil: 0, probeSince: null });
      return;
    }
    breaker.failures += 1;
    breaker.probeSince = null;
    if (breaker.failures >= this.#breakerFailures) breaker.openUntil = this.now() + this.#breakerResetMs;
  }

  /** 0 when the breaker lets a send through (closed, or the one probe of a half-open breaker). */
  #breakerWait(breaker: Breaker, now: number): number {
    if (breaker.openUntil === 0) return 0;
    if (now < breaker.openUntil) return breaker.openUntil - now;
    // Half-open: one probe at a time; a probe that never reported (its worker died) is replaced later.
    if (breaker.probeSince !== null && now - breaker.probeSince < this.#breakerResetMs) return 1_000;
    return 0;
  }

  #lane(key: string): Lane {
    let lane = this.#lanes.get(key);
    if (!lane) {
      lane = {
        tokens: this.ratePerSecond,
        refilledAt: this.now(),
        pausedUntil: 0,
        breaker: { failures: 0, openUntil: 0, probeSince: null },
      };
      this.#lanes.set(key, lane);
    }
    return lane;
  }
}
