import { jobs } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { enqueueJob } from "./enqueue-job";
import { defineJob, type JobDefinition } from "./job-definition";
import { JobRunner } from "./job-runner";
import { claimJobs, completeJob, findExpiredLeases } from "./job-store";

let t: TestHarness;
beforeAll(async () => {
  t = await createTestHarness();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.database.db.delete(jobs);
});

const fast = { baseMs: 1, maxMs: 5 };
const Payload = z.object({ n: z.number() });

function runnerWith<P>(...definitions: JobDefinition<P>[]): JobRunner {
  const runner = new JobRunner(t.deps, { pollIntervalMs: 20, sweepIntervalMs: 60_000 });
  for (const definition of definitions) runner.register(definition);
  return runner;
}

async function jobRows(queue: string) {
  return t.database.db.select().from(jobs).where(eq(jobs.queue, queue));
}

describe(enqueueJob.name, () => {
  it("adds nothing when the surrounding transaction rolls back", async () => {
    await expect(
      withTransaction(t.ctx(), async (tx) => {
        await enqueueJob(tx, "rollback-test", { n: 1 });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await jobRows("rollback-test")).toHaveLength(0);
  });

  it("keeps one queued job per singleton key", async () => {
    expect(await enqueueJob(t.ctx(), "single", { n: 1 }, { singletonKey: "k" })).toBeTypeOf("number");
    expect(await enqueueJob(t.ctx(), "single", { n: 2 }, { singletonKey: "k" })).toBeUndefined();
    expect(await jobRows("single")).toHaveLength(1);
  });
});

describe(JobRunner.name, () => {
  it("runs a job once with its parsed payload and marks it completed", async () => {
    const seen: number[] = [];
    const runner = runnerWith(
      defineJob({ name: "once", payload: Payload, handle: async (_ctx, p) => void seen.push(p.n) }),
    );
    await enqueueJob(t.ctx(), "once", { n: 7 });
    await runner.drain();
    expect(seen).toEqual([7]);
    expect((await jobRows("once"))[0]?.status).toBe("COMPLETED");
  });

  it("retries a throwing handler and succeeds on a later attempt", async () => {
    let calls = 0;
    const runner = runnerWith(
      defineJob({
        name: "flaky",
        payload: Payload,
        backoff: fast,
        handle: async () => {
          calls++;
          if (calls < 3) throw new Error(`failure ${calls}`);
        },
      }),
    );
    await enqueueJob(t.ctx(), "flaky", { n: 1 });
    await runUntil(runner, async () => (await jobRows("flaky"))[0]?.status === "COMPLETED");
    const [row] = await jobRows("flaky");
    expect(calls).toBe(3);
    expect(row?.attempts).toBe(3);
  });

  it("fails a job for good after maxAttempts and calls onExhausted once", async () => {
    const exhausted: string[] = [];
    const runner = runnerWith(
      defineJob({
        name: "doomed",
        payload: Payload,
        maxAttempts: 3,
        backoff: fast,
        handle: async () => {
          throw new Error("provider down");
        },
        onExhausted: async (_ctx, payload, error) => void exhausted.push(`${payload?.n}:${error}`),
      }),
    );
    await enqueueJob(t.ctx(), "doomed", { n: 5 }, { maxAttempts: 3 });
    await runUntil(runner, async () => (await jobRows("doomed"))[0]?.status === "FAILED");
    expect(exhausted).toEqual(["5:provider down"]);
    expect((await jobRows("doomed"))[0]?.attempts).toBe(3);
  });

  it("hands due jobs to a batch handler together, and runs a failed batch's jobs one by one", async () => {
    const batches: number[][] = [];
    const alone: number[] = [];
    const runner = runnerWith(
      defineJob({
        name: "batched",
        payload: Payload,
        backoff: { baseMs: 60_000, maxMs: 60_000 },
        handle: async (_ctx, p) => {
          alone.push(p.n);
          if (p.n === 3) throw new Error("poison");
        },
        batch: {
          size: 10,
          handle: async (_ctx, items) => {
            batches.push(items.map((i) => i.payload.n));
            if (items.some((i) => i.payload.n === 3)) throw new Error("the batch met the poison");
            return items.map(() => ({ status: "done" as const }));
          },
        },
      }),
    );
    for (const n of [1, 2]) await enqueueJob(t.ctx(), "batched", { n });
    await runner.drain();
    expect(batches).toEqual([[1, 2]]);
    expect(alone).toEqual([]);
    const done = (await jobRows("batched")).filter((j) => j.status === "COMPLETED");
    expect(new Set(done.map((j) => j.completedAt?.getTime())).size).toBe(1);

    for (const n of [3, 4, 5]) await enqueueJob(t.ctx(), "batched", { n });
    await runner.drain();
    expect(batches.at(-1)?.sort()).toEqual([3, 4, 5]);
    expect(alone.sort()).toEqual([3, 4, 5]);
    const rows = await jobRows("batched");
    expect(rows.filter((j) => j.status === "COMPLETED")).toHaveLength(4);
    expect(rows.find((j) => (j.payload as { n: number }).n === 3)).toMatchObject({
      status: "QUEUED",
      attempts: 1,
      lastError: "poison",
    });
  });

  it("fails a job with an invalid payload without running the handler", async () => {
    let ran = false;
    const exhausted: unknown[] = [];
    const runner = runnerWith(
      defineJob({
        name: "typed",
        payload: Payload,
        handle: async () => {
          ran = true;
        },
        onExhausted: async (_ctx, payload) => void exhausted.push(payload),
      }),
    );
    await enqueueJob(t.ctx(), "typed", { n: "not a number" });
    await runner.drain();
    expect(ran).toBe(false);
    expect(exhausted).toEqual([undefined]);
    expect((await jobRows("typed"))[0]?.lastError).toContain("invalid payload");
  });

  it("gives the attempt back for a retry that does not count (pacing, open circuit)", async () => {
    let calls = 0;
    const runner = runnerWith(
      defineJob({
        name: "paced",
        payload: Payload,
        maxAttempts: 2,
        handle: async () => {
          calls++;
          if (calls <= 4) return { status: "retry", error: "paced", delayMs: 0, countAttempt: false };
          return { status: "done" };
        },
      }),
    );
    await enqueueJob(t.ctx(), "paced", { n: 1 }, { maxAttempts: 2 });
    await runUntil(runner, async () => (await jobRows("paced"))[0]?.status === "COMPLETED");
    expect((await jobRows("paced"))[0]?.attempts).toBe(1);
  });

  it("hands the job of a crashed worker to another and fences the stale worker out", async () => {
    const seen: number[] = [];
    await enqueueJob(t.ctx(), "lease", { n: 9 });
    // A worker claims the job with a short lease and dies without settling it.
    const [stale] = await claimJobs(t.database.db, "lease", "dead-worker", 1, 1);
    if (!stale) throw new Error("claim failed");
    // Until the database's clock says the lease has lapsed, which is what the sweep goes by.
    await vi.waitFor(async () =>
      expect((await findExpiredLeases(t.database.db)).map((job) => job.id)).toContain(stale.id),
    );

    const runner = runnerWith(
      defineJob({
        name: "lease",
        payload: Payload,
        backoff: { baseMs: 0, maxMs: 0 },
        handle: async (_c, p) => void seen.push(p.n),
      }),
    );
    await runner.sweep();
    await runner.drain();
    expect(seen).toEqual([9]);
    const [row] = await jobRows("lease");
    expect(row?.status).toBe("COMPLETED");
    expect(row?.attempts).toBe(2);
    expect(await completeJob(t.database.db, stale)).toBe(false);
  });

  it("processes each of 200 jobs exactly once with two runners competing", async () => {
    const counts = new Map<number, number>();
    const definition = defineJob({
      name: "compete",
      payload: Payload,
      concurrency: 8,
      handle: async (_ctx, p) => {
        counts.set(p.n, (counts.get(p.n) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      },
    });
    await withTransaction(t.ctx(), async (tx) => {
      for (let n = 0; n < 200; n++) await enqueueJob(tx, "compete", { n });
    });
    const a = runnerWith(definition);
    const b = runnerWith(definition);
    await Promise.all([a.drain(), b.drain()]);
    expect(counts.size).toBe(200);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
  });

  it("lets a running job finish on stop, and releases one that does not in time", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const runner = runnerWith(
      defineJob({
        name: "slow",
        payload: Payload,
        handle: async (_ctx, p, job) => {
          if (p.n === 1) await gate;
          else
            await new Promise((_resolve, reject) =>
              job.signal.addEventListener("abort", () => reject(new Error("aborted"))),
            );
        },
      }),
    );
    await enqueueJob(t.ctx(), "slow", { n: 1 });
    await enqueueJob(t.ctx(), "slow", { n: 2 });
    runner.start();
    await waitFor(async () => (await jobRows("slow")).every((r) => r.status === "ACTIVE"));
    // Job 1 finishes once stop has begun (within its grace period); job 2 never does and is released.
    const stopping = runner.stop(1_000);
    release();
    await stopping;
    const rows = await jobRows("slow");
    const byN = new Map(rows.map((r) => [(r.payload as { n: number }).n, r]));
    expect(byN.get(1)?.status).toBe("COMPLETED");
    expect(byN.get(2)?.status).toBe("QUEUED");
    expect(byN.get(2)?.attempts).toBe(0);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function runUntil(runner: JobRunner, condition: () => Promise<boolean>): Promise<void> {
  runner.start();
  try {
    await waitFor(condition);
  } finally {
    await runner.stop();
  }
}
