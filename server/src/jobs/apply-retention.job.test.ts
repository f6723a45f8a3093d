import { auditLogs, jobs, realtimeEvents, webhookEvents } from "@server/db/schema/index";
import { APPLY_RETENTION_QUEUE, applyRetention } from "@server/domain/privacy/apply-retention";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { asc } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyRetentionJob } from "./apply-retention.job";
import { recurringJobs } from "./registry";

// The clock is fixed and every row is written with its own timestamp relative to it: what the job
// removes depends only on age, status and the configured days.
const NOW = new Date("2030-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

let h: TestHarness;
beforeEach(async () => {
  h = await createTestHarness({ RETENTION_BATCH_SIZE: "2" }, { now: () => NOW });
});
afterEach(() => h.close());

async function seed() {
  const db = h.database.db;
  let n = 0;
  const hook = (status: string, age: number, note: string) => ({
    provider: "gupshup",
    dedupeKey: `k${++n}`,
    kind: "message",
    status,
    rawBody: note,
    receivedAt: daysAgo(age),
    processedAt: status === "PROCESSED" || status === "IGNORED" ? daysAgo(age) : null,
  });
  await db
    .insert(webhookEvents)
    .values([
      hook("PROCESSED", 31, "old-1"),
      hook("PROCESSED", 45, "old-2"),
      hook("PROCESSED", 90, "old-3"),
      hook("IGNORED", 40, "old-ignored"),
      hook("PROCESSED", 29, "recent"),
      hook("FAILED", 200, "parked-failed"),
      hook("UNPARSEABLE", 200, "parked-unparseable"),
      hook("RECEIVED", 200, "never-processed"),
    ]);
  const job = (status: string, age: number, queue: string) => ({
    queue,
    payload: {},
    status,
    runAt: daysAgo(age),
    createdAt: daysAgo(age),
    updatedAt: daysAgo(age),
    completedAt: status === "COMPLETED" ? daysAgo(age) : null,
  });
  await db
    .insert(jobs)
    .values([
      job("COMPLETED", 8, "old-done"),
      job("COMPLETED", 6, "recent-done"),
      job("FAILED", 30, "old-failed"),
      job("QUEUED", 30, "old-queued"),
    ]);
  await db.insert(realtimeEvents).values([
    { type: "old", payload: {}, createdAt: daysAgo(8) },
    { type: "recent", payload: {}, createdAt: daysAgo(1) },
  ]);
  await db.insert(auditLogs).values([
    { actorType: "SYSTEM", action: "old", at: daysAgo(731) },
    { actorType: "SYSTEM", action: "kept", at: daysAgo(700) },
  ]);
}

const remaining = async () => ({
  webhook: (await h.database.db.select().from(webhookEvents).orderBy(asc(webhookEvents.id))).map(
    (r) => r.rawBody,
  ),
  jobs: (await h.database.db.select().from(jobs).orderBy(asc(jobs.id))).map((r) => r.queue),
  events: (await h.database.db.select().from(realtimeEvents)).map((r) => r.type),
  audit: (await h.database.db.select().from(auditLogs)).map((r) => r.action),
});

describe("apply-retention", () => {
  it("removes what is past its period and keeps parked callbacks, unfinished jobs and recent rows", async () => {
    await seed();
    const job = applyRetentionJob(h.deps);
    const signal = new AbortController().signal;
    await job.handle(h.ctx(), {}, { id: 1, queue: job.name, attempt: 1, maxAttempts: 3, signal });

    expect(await remaining()).toEqual({
      webhook: ["recent", "parked-failed", "parked-unparseable", "never-processed"],
      jobs: ["recent-done", "old-failed", "old-queued"],
      events: ["recent"],
      audit: ["kept"],
    });
    const metrics = await h.deps.metrics.registry.getSingleMetricAsString(
      "commhub_retention_rows_removed_total",
    );
    expect(metrics).toContain('commhub_retention_rows_removed_total{kind="webhook_events"} 4');
    expect(metrics).toContain('commhub_retention_rows_removed_total{kind="jobs"} 1');
    expect(metrics).toContain('commhub_retention_rows_removed_total{kind="realtime_events"} 1');
    expect(metrics).toContain('commhub_retention_rows_removed_total{kind="audit_logs"} 1');
  });

  it("deletes in bounded batches: a backlog is worked off over several runs", async () => {
    await seed();
    const policy = { ...h.deps.config.retention, maxBatches: 1 };
    expect(policy.batchSize).toBe(2);
    expect((await applyRetention(h.ctx(), policy)).webhook_events).toBe(2);
    expect((await remaining()).webhook).toHaveLength(6);
    expect((await applyRetention(h.ctx(), policy)).webhook_events).toBe(2);
    expect((await applyRetention(h.ctx(), policy)).webhook_events).toBe(0);
    expect((await remaining()).webhook).toEqual([
      "recent",
      "parked-failed",
      "parked-unparseable",
      "never-processed",
    ]);
  });

  it("follows the configured periods and runs on the worker's timer", async () => {
    const short = await createTestHarness(
      { RETENTION_WEBHOOK_DAYS: "10", RETENTION_AUDIT_DAYS: "1" },
      { now: () => NOW },
    );
    try {
      expect(short.deps.config.retention).toMatchObject({
        webhookDays: 10,
        auditDays: 1,
        jobsDays: 7,
        eventsDays: 7,
      });
      await h.close();
      h = short;
      await seed();
      await applyRetention(h.ctx(), { ...h.deps.config.retention, maxBatches: 10 });
      expect((await remaining()).webhook).toEqual(["parked-failed", "parked-unparseable", "never-processed"]);
      expect((await remaining()).audit).toEqual([]);
    } finally {
      expect(recurringJobs().map((j) => j.queue)).toContain(APPLY_RETENTION_QUEUE);
    }
  });
});
