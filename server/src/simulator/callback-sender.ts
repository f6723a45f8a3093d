import { setMaxListeners } from "node:events";
import type { SimulatorState } from "./simulator-state";

// Delivers callbacks to the app the way Gupshup does: one HTTP request per event, 2xx means done,
// anything else is retried after a pause. Chains of events for one message run in order.

export type CallbackJob = {
  kind: string;
  event: string;
  messageId?: string;
  url: string | undefined;
  method: "GET" | "POST";
  /** GET: the query fields; POST: the body. */
  query?: Record<string, string>;
  body?: string;
  contentType?: string;
};

export type Delivery = { status: number | null; error?: string };

export class CallbackSender {
  readonly #pending = new Set<Promise<void>>();
  readonly #stop = stopController();

  constructor(
    private readonly state: SimulatorState,
    private readonly timeoutMs: number,
  ) {}

  get stopped(): boolean {
    return this.#stop.signal.aborted;
  }

  /** Runs `work` in the background; `idle()` waits for it. */
  schedule(work: () => Promise<void>): void {
    const run = work()
      .catch(() => {})
      .finally(() => this.#pending.delete(run));
    this.#pending.add(run);
  }

  /** Resolves once every scheduled chain has finished (new ones started meanwhile included). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    await this.idle();
  }

  /** Waits `ms`, or less if the simulator stops. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.#stop.signal;
      function done() {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done, { once: true });
    });
  }

  /** Delivers one callback with the configured retries; every attempt is recorded. */
  async deliver(job: CallbackJob, retries = this.state.knobs.callbackRetries): Promise<Delivery> {
    let last: Delivery = { status: null, error: "no attempt" };
    for (let attempt = 1; attempt <= retries + 1 && !this.stopped; attempt += 1) {
      if (attempt > 1) await this.sleep(this.state.knobs.callbackRetryDelayMs);
      last = await this.#attempt(job, attempt);
      if (last.status !== null && last.status >= 200 && last.status < 300) break;
    }
    return last;
  }

  async #attempt(job: CallbackJob, attempt: number): Promise<Delivery> {
    const knobs = this.state.knobs;
    const url = job.url ? withQuery(job.url, job.query ?? {}, knobs.callbackToken) : undefined;
    const record = {
      seq: this.state.nextSeq(),
      at: new Date().toISOString(),
      url: url ?? "",
      method: job.method,
      kind: job.kind,
      event: job.event,
      messageId: job.messageId,
      attempt,
      body: job.body ?? "",
    };
    if (!url) {
      this.state.callbacks.push({ ...record, status: null, error: "no callback URL configured" });
      return { status: null, error: "no callback URL configured" };
    }
    try {
      const res = await fetch(url, {
        method: job.method,
        headers: {
          "user-agent": "Gupshup-Simulator/1.0",
          ...(job.contentType ? { "content-type": job.contentType } : {}),
          ...knobs.callbackHeaders,
        },
        body: job.method === "POST" ? job.body : undefined,
        signal: AbortSignal.any([this.#stop.signal, AbortSignal.timeout(this.timeoutMs)]),
      });
      await res.arrayBuffer().catch(() => undefined);
      this.state.callbacks.push({ ...record, status: res.status });
      return { status: res.status };
    } catch (err) {
      const error =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      this.state.callbacks.push({ ...record, status: null, error });
      return { status: null, error };
    }
  }
}

function withQuery(base: string, query: Record<string, string>, token: string | null): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  if (token) url.searchParams.set("token", token);
  return url.toString();
}

// Every pending callback retry waits on the one stop signal; hundreds at once are normal under load.
function stopController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}
