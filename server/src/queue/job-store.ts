import type { Db } from "@server/db/client";
import { jobs } from "@server/db/schema/index";
import { and, asc, desc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";

export type JobRow = typeof jobs.$inferSelect;

/** Claims up to `limit` due jobs of a queue for `workerId`, skipping rows other workers hold. */
export async function claimJobs(db: Db, queue: string, workerId: string, limit: number, leaseMs: number) {
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.queue, queue), eq(jobs.status, "QUEUED"), lte(jobs.runAt, sql`now()`)))
    .orderBy(desc(jobs.priority), asc(jobs.runAt), asc(jobs.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(jobs)
    .set({
      status: "ACTIVE",
      attempts: sql`${jobs.attempts} + 1`,
      lockedBy: workerId,
      lockedUntil: sql`now() + ${leaseMs} * interval '1 millisecond'`,
      updatedAt: sql`now()`,
    })
    .where(inArray(jobs.id, due))
    .returning();
}

// Every write-back is fenced on (worker, attempt): a worker whose lease lapsed and whose job was
// claimed again cannot complete, fail or extend the newer attempt.
const fenced = (job: JobRow) =>
  and(eq(jobs.id, job.id), eq(jobs.lockedBy, job.lockedBy ?? ""), eq(jobs.attempts, job.attempts));

// A batch's write-backs in one statement, fenced per job the same way.
const fencedAll = (list: JobRow[]) =>
  or(
    ...list.map((job) =>
      and(eq(jobs.id, job.id), eq(jobs.lockedBy, job.lockedBy ?? ""), eq(jobs.attempts, job.attempts)),
    ),
  );

/** Extends the leases of a batch's jobs still held by this worker (one statement). */
export async function extendLeases(db: Db, list: JobRow[], leaseMs: number): Promise<void> {
  if (list.length === 0) return;
  await db
    .update(jobs)
    .set({ lockedUntil: sql`now() + ${leaseMs} * interval '1 millisecond'` })
    .where(and(fencedAll(list), eq(jobs.status, "ACTIVE")));
}

/** Completes a batch's jobs (one statement); returns the ids that were still this worker's to complete. */
export async function completeJobs(db: Db, list: JobRow[]): Promise<Set<number>> {
  if (list.length === 0) return new Set();
  const rows = await db
    .update(jobs)
    .set({
      status: "COMPLETED",
      completedAt: sql`now()`,
      lockedBy: null,
      lockedUntil: null,
      updatedAt: sql`now()`,
    })
    .where(fencedAll(list))
    .returning({ id: jobs.id });
  return new Set(rows.map((r) => Number(r.id)));
}

export async function extendLease(db: Db, job: JobRow, leaseMs: number): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ lockedUntil: sql`now() + ${leaseMs} * interval '1 millisecond'` })
    .where(and(fenced(job), eq(jobs.status, "ACTIVE")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function completeJob(db: Db, job: JobRow): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      status: "COMPLETED",
      completedAt: sql`now()`,
      lockedBy: null,
      lockedUntil: null,
      updatedAt: sql`now()`,
    })
    .where(fenced(job))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Puts a job back in the queue after `delayMs`, optionally giving the attempt back. */
export async function requeueJob(db: Db, job: JobRow, error: string, delayMs: number, countAttempt = true) {
  const rows = await db
    .update(jobs)
    .set({
      status: "QUEUED",
      attempts: countAttempt ? job.attempts : job.attempts - 1,
      runAt: sql`now() + ${delayMs} * interval '1 millisecond'`,
      lastError: error,
      lockedBy: null,
      lockedUntil: null,
      updatedAt: sql`now()`,
    })
    .where(fenced(job))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function failJob(db: Db, job: JobRow, error: string): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({
      status: "FAILED",
      lastError: error,
      lockedBy: null,
      lockedUntil: null,
      completedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(fenced(job))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Active jobs whose worker stopped heart-beating (crashed, killed, partitioned). */
export async function findExpiredLeases(db: Db, limit = 100) {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.status, "ACTIVE"), lt(jobs.lockedUntil, sql`now()`)))
    .limit(limit)
    .for("update", { skipLocked: true });
}

export async function deleteFinishedJobs(db: Db, olderThanMs: number) {
  await db
    .delete(jobs)
    .where(
      and(
        inArray(jobs.status, ["COMPLETED"]),
        lt(jobs.completedAt, sql`now() - ${olderThanMs} * interval '1 millisecond'`),
      ),
    );
}

async function countJobs(db: Db) {
  return db
    .select({ queue: jobs.queue, status: jobs.status, count: sql<number>`count(*)::int` })
    .from(jobs)
    .groupBy(jobs.queue, jobs.status);
}

/** Per queue: jobs by status, and the age in seconds of the oldest job that is due but not claimed. */
export async function queueStats(db: Db) {
  const counts = await countJobs(db);
  const lags = await db
    .select({
      queue: jobs.queue,
      lagSeconds: sql<number>`coalesce(extract(epoch from now() - min(${jobs.runAt})), 0)::float8`,
    })
    .from(jobs)
    .where(and(eq(jobs.status, "QUEUED"), lte(jobs.runAt, sql`now()`)))
    .groupBy(jobs.queue);
  return { counts, lags };
}
