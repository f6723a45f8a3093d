import { randomUUID } from "node:crypto";
import { systemActor } from "@server/context";
import { createCtx, type Deps } from "@server/deps";
import { batchOutcomes } from "./batch-outcomes";
import type { JobDefinition, JobInfo, JobOutcome } from "./job-definition";
import { backoffDelayMs } from "./job-definition";
import {
  claimJobs,
  completeJob,
  completeJobs,
  deleteFinishedJobs,
  extendLease,
  extendLeases,
  failJob,
  findExpiredLeases,
  type JobRow,
  requeueJob,
} from "./job-store";

export type JobRunnerOptions = {
  /** How often idle queues look for due jobs (delayed retries); enqueues wake the runner at once. */
  pollIntervalMs?: number;
  sweepIntervalMs?: number;
  completedRetentionMs?: number;
};

const DEFAULTS = {
  maxAttempts: 10,
  concurrency: 4,
  leaseMs: 60_000,
  backoff: { baseMs: 1_000, maxMs: 300_000 },
};

type Queue = {
  definition: JobDefinition<unknown>;
  running: Map<number, AbortController>;
  /** The claim in progress, if any: resolves to the number of jobs it claimed and started. */
  pumping?: Promise<number>;
};

/**
 * Runs registered job definitions: claims due jobs with FOR UPDATE SKIP LOCKED under a lease, heart-beats
 * while a handler runs, retries with jittered backoff, and hands jobs of dead workers to live ones.
 */
export class JobRunner {
  readonly workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  readonly #queues = new Map<string, Queue>();
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #options: Required<JobRunnerOptions>;
  #unsubscribe?: () => void;
  #running = false;

  constructor(
    private readonly deps: Deps,
    options: JobRunnerOptions = {},
  ) {
    this.#options = {
      pollIntervalMs: 500,
      sweepIntervalMs: 5_000,
      completedRetentionMs: 86_400_000,
      ...options,
    };
  }

  register<P>(definition: JobDefinition<P>): this {
    this.#queues.set(definition.name, {
      definition: definition as JobDefinition<unknown>,
      running: new Map(),
    });
    return this;
  }

  get isRunning(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#unsubscribe = this.deps.bus.onJobQueued((queue) => void this.#pump(queue));
    this.#timers.push(setInterval(() => this.#pumpAll(), this.#options.pollIntervalMs));
    this.#timers.push(
      setInterval(
        () => void this.sweep().catch((err) => this.#logError(err, "sweep")),
        this.#options.sweepIntervalMs,
      ),
    );
    this.#pumpAll();
  }

  /** Stops claiming, lets running handlers finish for up to `graceMs`, then aborts and releases the rest. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#unsubscribe?.();
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
    // A claim already out when stop was called still starts what it claims: wait for it, then for them.
    await Promise.all([...this.#queues.values()].map((queue) => queue.pumping));
    const deadline = Date.now() + graceMs;
    while (this.#inFlight() > 0 && Date.now() < deadline) await sleep(25);
    for (const queue of this.#queues.values())
      for (const controller of queue.running.values()) controller.abort();
    while (this.#inFlight() > 0) await sleep(10);
  }

  /** Re-queues (or fails) jobs whose worker stopped heart-beating, and prunes old completed jobs. */
  async sweep(): Promise<void> {
    const db = this.deps.database.db;
    const error = "lease expired: the worker stopped heart-beating (crashed or killed)";
    const exhausted = await db.transaction(async (tx) => {
      const failed: JobRow[] = [];
      for (const job of await findExpiredLeases(tx)) {
        const backoff = this.#queues.get(job.queue)?.definition.backoff ?? DEFAULTS.backoff;
        if (job.attempts < job.maxAttempts)
          await requeueJob(tx, job, error, backoffDelayMs(job.attempts, backoff));
        else if (await failJob(tx, job, error)) failed.push(job);
      }
      return failed;
    });
    // After the commit: on PGlite, work on the outer database inside the transaction would wait on itself.
    for (const job of exhausted) {
      const queue = this.#queues.get(job.queue);
      if (queue) await this.#runOnExhausted(queue.definition, job, error);
    }
    await deleteFinishedJobs(db, this.#options.completedRetentionMs);
  }

  /** Runs every due job now and waits until the queues are idle (tests and scripts). */
  async drain(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const claimed = await Promise.all([...this.#queues.keys()].map((name) => this.#pump(name)));
      while (this.#inFlight() > 0) {
        if (Date.now() > deadline) throw new Error("drain timed out");
        await sleep(5);
      }
      if (claimed.every((n) => n === 0)) return;
    }
  }

  #inFlight(): number {
    let n = 0;
    for (const queue of this.#queues.values()) n += queue.running.size;
    return n;
  }

  #pumpAll(): void {
    for (const name of this.#queues.keys()) void this.#pump(name);
  }

  /**
   * Claims due jobs of a queue and starts them. A call while a claim is in progress shares it, so that
   * drain and stop see the jobs it claims rather than "nothing claimed" while its query is still out.
   */
  #pump(name: string): Promise<number> {
    const queue = this.#queues.get(name);
    if (!queue) return Promise.resolve(0);
    if (!queue.pumping)
      queue.pumping = this.#claimAndStart(queue, name).finally(() => {
        queue.pumping = undefined;
      });
    return queue.pumping;
  }

  async #claimAndStart(queue: Queue, name: string): Promise<number> {
    let claimedTotal = 0;
    try {
      const def = queue.definition;
      const concurrency = def.concurrency ?? DEFAULTS.concurrency;
      for (;;) {
        const free = concurrency - queue.running.size;
        if (free <= 0) break;
        // A batched queue claims one batch per free slot; the others one job per free slot.
        const limit = def.batch ? def.batch.size : free;
        const claimed = await claimJobs(
          this.deps.database.db,
          name,
          this.workerId,
          limit,
          def.leaseMs ?? DEFAULTS.leaseMs,
        );
        // RETURNING has no order: a batch goes to its handler in job order.
        if (def.batch && claimed.length > 1)
          this.#runBatch(
            queue,
            claimed.sort((a, b) => a.id - b.id),
          );
        else for (const job of claimed) this.#run(queue, job);
        claimedTotal += claimed.length;
        if (claimed.length < limit) break;
      }
    } catch (err) {
      this.#logError(err, `claim ${name}`);
    }
    return claimedTotal;
  }

  #run(queue: Queue, job: JobRow): void {
    const controller = new AbortController();
    queue.running.set(job.id, controller);
    void this.#execute(queue.definition, job, controller.signal)
      .catch((err) => this.#logError(err, `settle job ${job.id}`))
      .finally(() => {
        queue.running.delete(job.id);
        if (this.#running) void this.#pump(job.queue);
      });
  }

  #runBatch(queue: Queue, batch: JobRow[]): void {
    const controller = new AbortController();
    const key = batch[0]?.id ?? 0;
    queue.running.set(key, controller);
    void this.#executeBatch(queue.definition, batch, controller.signal)
      .catch((err) => this.#logError(err, `settle batch of ${batch.length} from job ${key}`))
      .finally(() => {
        queue.running.delete(key);
        if (this.#running) void this.#pump(queue.definition.name);
      });
  }

  async #executeBatch(def: JobDefinition<unknown>, batch: JobRow[], signal: AbortSignal): Promise<void> {
    const db = this.deps.database.db;
    const leaseMs = def.leaseMs ?? DEFAULTS.leaseMs;
    const heartbeat = setInterval(() => void extendLeases(db, batch, leaseMs).catch(() => {}), leaseMs / 3);
    try {
      const outcomes = await batchOutcomes({
        definition: def,
        batch,
        signal,
        ctx: (job) => this.#ctx(job),
        info: (job) => this.#info(job, signal),
        handleOne: (job) => this.#handle(def, job, signal),
      });
      const done = batch.filter((_, i) => outcomes[i]?.status === "done");
      if (done.length > 0) {
        this.deps.metrics.jobsSettled.inc({ queue: def.name, outcome: "completed" }, done.length);
        const completed = await completeJobs(db, done);
        for (const job of done)
          if (!completed.has(job.id))
            this.#ctx(job).log.warn({ jobId: job.id }, "job finished after its lease was taken over");
      }
      for (const [i, job] of batch.entries()) {
        const outcome = outcomes[i];
        if (outcome && outcome.status !== "done") await this.#settle(def, job, outcome);
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  async #execute(def: JobDefinition<unknown>, job: JobRow, signal: AbortSignal): Promise<void> {
    const db = this.deps.database.db;
    const leaseMs = def.leaseMs ?? DEFAULTS.leaseMs;
    const heartbeat = setInterval(() => void extendLease(db, job, leaseMs).catch(() => {}), leaseMs / 3);
    try {
      const outcome = await this.#handle(def, job, signal);
      await this.#settle(def, job, outcome);
    } finally {
      clearInterval(heartbeat);
    }
  }

  async #handle(def: JobDefinition<unknown>, job: JobRow, signal: AbortSignal): Promise<JobOutcome> {
    const parsed = def.payload.safeParse(job.payload);
    if (!parsed.success) return { status: "failed", error: `invalid payload: ${parsed.error.message}` };
    try {
      const outcome = (await def.handle(this.#ctx(job), parsed.data, this.#info(job, signal))) ?? {
        status: "done",
      };
      // A handler that gave up because of the shutdown's abort did not fail: hand the job back as it was.
      if (signal.aborted && outcome.status !== "done")
        return { status: "retry", error: "stopped during shutdown", delayMs: 0, countAttempt: false };
      return outcome;
    } catch (err) {
      if (signal.aborted)
        return { status: "retry", error: "stopped during shutdown", delayMs: 0, countAttempt: false };
      return { status: "retry", error: err instanceof Error ? err.message : String(err) };
    }
  }

  async #settle(def: JobDefinition<unknown>, job: JobRow, outcome: JobOutcome): Promise<void> {
    const db = this.deps.database.db;
    const settled = (label: "completed" | "retried" | "failed") =>
      this.deps.metrics.jobsSettled.inc({ queue: job.queue, outcome: label });
    if (outcome.status === "done") {
      settled("completed");
      if (!(await completeJob(db, job)))
        this.#ctx(job).log.warn({ jobId: job.id }, "job finished after its lease was taken over");
      return;
    }
    const exhausted =
      outcome.status === "failed" || (outcome.countAttempt !== false && job.attempts >= job.maxAttempts);
    if (outcome.status === "retry" && !exhausted) {
      settled("retried");
      const delay = outcome.delayMs ?? backoffDelayMs(job.attempts, def.backoff ?? DEFAULTS.backoff);
      await requeueJob(db, job, outcome.error, delay, outcome.countAttempt !== false);
      return;
    }
    settled("failed");
    if (await failJob(db, job, outcome.error)) await this.#runOnExhausted(def, job, outcome.error);
  }

  async #runOnExhausted(def: JobDefinition<unknown>, job: JobRow, error: string): Promise<void> {
    if (!def.onExhausted) return;
    const parsed = def.payload.safeParse(job.payload);
    await def.onExhausted(
      this.#ctx(job),
      parsed.success ? parsed.data : undefined,
      error,
      this.#info(job, new AbortController().signal),
    );
  }

  #ctx(job: JobRow) {
    const log = this.deps.log.child({ job: job.queue, jobId: job.id, attempt: job.attempts });
    return createCtx(this.deps, systemActor(job.queue), { log });
  }

  #info(job: JobRow, signal: AbortSignal): JobInfo {
    return { id: job.id, queue: job.queue, attempt: job.attempts, maxAttempts: job.maxAttempts, signal };
  }

  #logError(err: unknown, what: string): void {
    this.deps.log.error({ err, worker: this.workerId }, `job runner: ${what} failed`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
