import { jobs, threadEvents, threads } from "@server/db/schema/index";
import { linkThread } from "@server/domain/threads/link-thread";
import { setThreadStatus } from "@server/domain/threads/set-thread-status";
import { JobRunner } from "@server/queue/job-runner";
import { createProperty, uniquePhone } from "@test/factories";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allJobs } from "./registry";
import { wakeSnoozedThreadJob } from "./wake-snoozed-thread.job";

let t: TestHarness;
beforeAll(async () => {
  t = await createTestHarness();
  await createProperty(t.database.db, { isDefault: true });
});
afterAll(() => t.close());

async function snoozedThread(minutes: number) {
  const { thread } = await linkThread(t.ctx(), {
    channel: "WHATSAPP",
    direction: "INBOUND",
    at: new Date(),
    phone: uniquePhone(),
  });
  await setThreadStatus(t.ctx(), {
    threadId: thread.id,
    status: "SNOOZED",
    snoozedUntil: new Date(Date.now() + minutes * 60_000),
  });
  return thread.id;
}

// Stands in for the clock moving past the snooze: the snooze time and its job's run time are moved back.
async function letTimePass(threadId: number) {
  const past = new Date(Date.now() - 1000);
  await t.database.db.update(threads).set({ snoozedUntil: past }).where(eq(threads.id, threadId));
  await t.database.db
    .update(jobs)
    .set({ runAt: past })
    .where(sql`${jobs.payload}->>'threadId' = ${String(threadId)}`);
}

const statusOf = async (id: number) =>
  (await t.database.db.select().from(threads).where(eq(threads.id, id)))[0]?.status;

describe(wakeSnoozedThreadJob.name, () => {
  it("is registered with the worker", () => {
    expect(allJobs(t.deps).map((j) => j.name)).toContain(wakeSnoozedThreadJob.name);
  });

  it("brings a snoozed thread back to OPEN once its time has passed, with a timeline event", async () => {
    const id = await snoozedThread(60);
    const runner = new JobRunner(t.deps).register(wakeSnoozedThreadJob);
    await runner.drain();
    expect(await statusOf(id)).toBe("SNOOZED");
    await letTimePass(id);
    await runner.drain();
    expect(await statusOf(id)).toBe("OPEN");
    const events = await t.database.db.select().from(threadEvents).where(eq(threadEvents.threadId, id));
    expect(events.map((e) => e.type)).toContain("snooze_ended");
  });

  it("leaves alone a thread re-snoozed for later or resolved meanwhile", async () => {
    const later = await snoozedThread(60);
    await letTimePass(later);
    await t.database.db
      .update(threads)
      .set({ snoozedUntil: new Date(Date.now() + 3_600_000) })
      .where(eq(threads.id, later));
    const resolved = await snoozedThread(60);
    await letTimePass(resolved);
    await setThreadStatus(t.ctx(), { threadId: resolved, status: "RESOLVED" });
    await new JobRunner(t.deps).register(wakeSnoozedThreadJob).drain();
    expect([await statusOf(later), await statusOf(resolved)]).toEqual(["SNOOZED", "RESOLVED"]);
  });
});
