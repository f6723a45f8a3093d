import type { Ctx } from "@server/context";
import {
  type StoreWebhookEventInput,
  type StoreWebhookEventResult,
  storeWebhookEvent,
} from "./store-webhook-event";
import { storeWebhookEvents } from "./store-webhook-events";

export type WebhookStoreGroupOptions = {
  /** Most callbacks written in one statement. */
  maxBatch?: number;
  /** How long the first callback of a batch waits for company before the batch is written. */
  maxWaitMs?: number;
  /** Most batches being written at once; more callbacks wait (and join the next batch) meanwhile. */
  maxInFlight?: number;
  /** Called once per written batch (metrics, tests): its size and whether it fell back to one by one. */
  onBatch?: (size: number, outcome: "committed" | "one-by-one") => void;
};

export type WebhookStoreGroup = {
  store: (input: StoreWebhookEventInput) => Promise<StoreWebhookEventResult>;
};

type Waiting = {
  input: StoreWebhookEventInput;
  resolve: (result: StoreWebhookEventResult) => void;
  reject: (err: unknown) => void;
};

/**
 * Group commit for webhook acknowledgements: callbacks that arrive within `maxWaitMs` of each other
 * are stored in one statement (rows and jobs, one commit) and each caller's promise settles only once
 * the commit holding its row is done, so every 200 still means "stored". If the batch fails on a row
 * (bad data, a deadlock), its callbacks are stored one by one, so one bad row fails only its own
 * request; if the database is unreachable, every callback of the batch gets that error (→ 503, retried).
 * `ctx` is used outside any transaction.
 */
export function groupWebhookStores(ctx: Ctx, options: WebhookStoreGroupOptions = {}): WebhookStoreGroup {
  const maxBatch = options.maxBatch ?? 64;
  const maxWaitMs = options.maxWaitMs ?? 1;
  const maxInFlight = options.maxInFlight ?? 4;
  let pending: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;
  let due = false;
  let inFlight = 0;

  const flush = () => {
    while (pending.length > 0 && inFlight < maxInFlight && (due || pending.length >= maxBatch)) {
      const batch = pending.slice(0, maxBatch);
      pending = pending.slice(batch.length);
      if (pending.length === 0) {
        due = false;
        if (timer) clearTimeout(timer);
        timer = undefined;
      }
      inFlight += 1;
      void write(batch).finally(() => {
        inFlight -= 1;
        flush();
      });
    }
  };

  const write = async (batch: Waiting[]) => {
    try {
      const results = await storeWebhookEvents(
        ctx,
        batch.map((w) => w.input),
      );
      options.onBatch?.(batch.length, "committed");
      for (const [i, w] of batch.entries()) w.resolve(results[i] ?? { created: false });
    } catch (err) {
      if (batch.length === 1 || !isRowError(err)) {
        for (const w of batch) w.reject(err);
        return;
      }
      options.onBatch?.(batch.length, "one-by-one");
      ctx.log.warn({ err, size: batch.length }, "webhook batch failed; storing its callbacks one by one");
      await Promise.all(
        batch.map((w) =>
          storeWebhookEvent(ctx, w.input).then(w.resolve, (oneErr: unknown) => w.reject(oneErr)),
        ),
      );
    }
  };

  return {
    store: (input) =>
      new Promise((resolve, reject) => {
        pending.push({ input, resolve, reject });
        if (pending.length >= maxBatch) flush();
        else if (!timer && !due)
          timer = setTimeout(() => {
            timer = undefined;
            due = true;
            flush();
          }, maxWaitMs);
      }),
  };
}

/**
 * Whether a batch failed because of what it held (a value the database refused, a deadlock) rather
 * than because the database is away: SQLSTATE codes start with a digit; classes 08 (connection) and
 * 57 (shutdown, crash) say the database is unavailable, where storing one by one would only wait longer.
 */
function isRowError(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9][0-9A-Z]{4}$/.test(code))
      return !code.startsWith("08") && !code.startsWith("57");
  }
  return false;
}
