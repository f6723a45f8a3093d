import { contacts, messageLogs, threads, webhookEvents } from "@server/db/schema/index";
import { allJobs } from "@server/jobs/registry";
import { JobRunner } from "@server/queue/job-runner";
import { buildWebhookTestApp, WEBHOOK_SECRET, type WebhookTestApp } from "@test/webhook-harness";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// docs/RELIABILITY.md scenario 1 and origin T10, over real HTTP, with two workers processing while callbacks arrive.

let t: WebhookTestApp;
let url = "";
beforeAll(async () => {
  t = await buildWebhookTestApp();
  url = `${await t.app.listen({ port: 0, host: "127.0.0.1" })}/webhooks/gupshup?token=${WEBHOOK_SECRET}`;
});
afterAll(() => t.close());
beforeEach(async () => {
  for (const table of [messageLogs, threads, contacts, webhookEvents]) await t.database.db.delete(table);
});

const post = (body: object) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

const inbound = (id: string, from: string, text: string, at: number) => ({
  app: "DemoApp",
  timestamp: at,
  version: 2,
  type: "message",
  payload: { id, source: from, type: "text", payload: { text }, sender: { phone: from, name: "Asha" } },
});

async function withWorkers(work: () => Promise<void>): Promise<void> {
  const workers = [t.runner, new JobRunner(t.deps, { pollIntervalMs: 10, sweepIntervalMs: 60_000 })];
  for (const job of allJobs(t.deps)) workers[1]?.register(job);
  for (const worker of workers) worker.start();
  try {
    await work();
  } finally {
    for (const worker of workers) await worker.stop();
  }
  await Promise.all(workers.map((w) => w.drain()));
}

describe("concurrent inbound webhooks", () => {
  it("50 concurrent copies of one message: 50 × 2xx, one stored event, one message, unread +1", async () => {
    const body = inbound("wamid.burst-copy", "919800000001", "Is breakfast included?", 1_718_000_000_000);
    let statuses: number[] = [];
    await withWorkers(async () => {
      statuses = await Promise.all(Array.from({ length: 50 }, async () => (await post(body)).status));
    });
    expect(statuses).toEqual(Array(50).fill(200));
    expect(await t.database.db.select().from(webhookEvents)).toMatchObject([
      { dedupeKey: "msg:wamid.burst-copy", status: "PROCESSED" },
    ]);
    expect(await t.database.db.select().from(messageLogs)).toHaveLength(1);
    expect(await t.database.db.select().from(threads)).toMatchObject([{ unreadCount: 1 }]);
  });

  it("a burst of 5 different messages from a new number: one contact, one thread, 5 messages, unread 5", async () => {
    const from = "919800000002";
    await withWorkers(async () => {
      const responses = await Promise.all(
        [1, 2, 3, 4, 5].map((n) => post(inbound(`wamid.new-${n}`, from, `part ${n}`, 1_718_000_000_000 + n))),
      );
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    });
    expect(await t.database.db.select().from(contacts)).toHaveLength(1);
    const all = await t.database.db.select().from(threads);
    expect(all).toMatchObject([{ unreadCount: 5, lastPreview: "part 5" }]);
    const messages = await t.database.db.select().from(messageLogs);
    expect(messages).toHaveLength(5);
    expect(new Set(messages.map((m) => m.threadId))).toEqual(new Set([all[0]?.id]));
  });
});
