import type { Ctx } from "@server/context";
import type { JobDefinition, JobInfo, JobOutcome } from "./job-definition";
import type { JobRow } from "./job-store";

const STOPPED: JobOutcome = {
  status: "retry",
  error: "stopped during shutdown",
  delayMs: 0,
  countAttempt: false,
};

/**
 * One outcome per job of a claimed batch, in order: a bad payload fails its job alone; the others go to
 * the definition's batch handler together, or, when that throws, each through `handleOne` (the
 * ordinary handler), so one bad job cannot fail its neighbours. A job not done when the runner is
 * stopping is handed back without spending its attempt, as for single jobs.
 */
export async function batchOutcomes(input: {
  definition: JobDefinition<unknown>;
  batch: JobRow[];
  signal: AbortSignal;
  ctx: (job: JobRow) => Ctx;
  info: (job: JobRow) => JobInfo;
  handleOne: (job: JobRow) => Promise<JobOutcome>;
}): Promise<JobOutcome[]> {
  const { definition, batch, signal } = input;
  const items: Array<{ payload: unknown; job: JobInfo }> = [];
  const invalid = batch.map((job): JobOutcome | undefined => {
    const parsed = definition.payload.safeParse(job.payload);
    if (parsed.success) items.push({ payload: parsed.data, job: input.info(job) });
    return parsed.success
      ? undefined
      : { status: "failed", error: `invalid payload: ${parsed.error.message}` };
  });
  const handled = await tryBatch(input, items);
  let next = 0;
  const result: JobOutcome[] = [];
  for (const [i, job] of batch.entries()) {
    const own = invalid[i];
    if (own) {
      result.push(own);
      continue;
    }
    const outcome = handled ? handled[next] : signal.aborted ? undefined : await input.handleOne(job);
    next += 1;
    result.push(!outcome || (signal.aborted && outcome.status !== "done") ? STOPPED : outcome);
  }
  return result;
}

async function tryBatch(
  input: Parameters<typeof batchOutcomes>[0],
  items: Array<{ payload: unknown; job: JobInfo }>,
): Promise<JobOutcome[] | undefined> {
  const { definition, batch, signal } = input;
  if (!definition.batch || items.length === 0) return [];
  const ctx = input.ctx(batch[0] as JobRow);
  try {
    const outcomes = await definition.batch.handle(ctx, items);
    if (outcomes.length === items.length) return outcomes;
    throw new Error(`batch handler returned ${outcomes.length} outcomes for ${items.length} jobs`);
  } catch (err) {
    if (signal.aborted) return undefined;
    // A failed query's message carries its parameters (message text, phones): log only the first part.
    const reason = err instanceof Error ? err.message.split("\nparams:")[0]?.slice(0, 300) : String(err);
    ctx.log.warn({ reason, jobs: batch.length }, "batch failed as a whole: running its jobs one at a time");
    return undefined;
  }
}
