import { jobs, webhookEvents } from "@server/db/schema/index";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROCESS_WEBHOOK_EVENT_QUEUE } from "./enqueue-webhook-processing";
import { groupWebhookStores } from "./group-webhook-stores";
import type { StoreWebhookEventInput } from "./store-webhook-event";

let t: TestHarness;
beforeAll(async () => {
  t = await createTestHarness();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.database.db.delete(webhookEvents);
  await t.database.db.delete(jobs);
});

const callback = (key: string, over: Partial<StoreWebhookEventInput> = {}): StoreWebhookEventInput => ({
  provider: "gupshup",
  dedupeKey: key,
  kind: "status",
  status: "RECEIVED",
  rawBody: JSON.stringify({ key }),
  bodyEncoding: "utf8",
  contentType: "application/json",
  method: "POST",
  headers: { "content-type": "application/json" },
  ...over,
});

function recordingGroup() {
  const batches: Array<[number, string]> = [];
  const group = groupWebhookStores(t.ctx({ type: "webhook", provider: "gupshup" }), {
    maxWaitMs: 5,
    onBatch: (size, outcome) => batches.push([size, outcome]),
  });
  return { group, batches };
}

const stored = async () =>
  (await t.database.db.select().from(webhookEvents)).map((r) => [r.dedupeKey, r.status]).sort();
const queuedFor = async () =>
  (await t.database.db.select().from(jobs))
    .filter((j) => j.queue === PROCESS_WEBHOOK_EVENT_QUEUE)
    .map((j) => (j.payload as { webhookEventId: number }).webhookEventId)
    .sort((a, b) => a - b);

describe(groupWebhookStores.name, () => {
  it("commits callbacks that arrive together in one batch, each with its job, and wakes the runner after", async () => {
    const { group, batches } = recordingGroup();
    const woken: string[] = [];
    const stop = t.deps.bus.onJobQueued((queue) => woken.push(queue));
    const results = await Promise.all([
      group.store(callback("k1")),
      group.store(callback("k2")),
      group.store(callback("k3", { status: "UNPARSEABLE", kind: "unparseable" })),
    ]);
    stop();
    expect(batches).toEqual([[3, "committed"]]);
    expect(results.map((r) => r.created)).toEqual([true, true, true]);
    expect(await stored()).toEqual([
      ["k1", "RECEIVED"],
      ["k2", "RECEIVED"],
      ["k3", "UNPARSEABLE"],
    ]);
    // Jobs for the processable ones only, pointing at their own rows.
    const ids = results.map((r) => (r.created ? r.id : 0));
    expect(await queuedFor()).toEqual([ids[0], ids[1]].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(woken).toContain(PROCESS_WEBHOOK_EVENT_QUEUE);
  });

  it("answers duplicates within a batch and of stored callbacks as not created, storing each key once", async () => {
    const { group, batches } = recordingGroup();
    const [first] = await Promise.all([group.store(callback("old"))]);
    expect(first?.created).toBe(true);
    const results = await Promise.all([
      group.store(callback("dup")),
      group.store(callback("old")),
      group.store(callback("dup")),
      group.store(callback("new")),
      group.store(callback("dup")),
    ]);
    expect(batches).toEqual([
      [1, "committed"],
      [5, "committed"],
    ]);
    expect(results.map((r) => r.created)).toEqual([true, false, false, true, false]);
    expect(await stored()).toEqual([
      ["dup", "RECEIVED"],
      ["new", "RECEIVED"],
      ["old", "RECEIVED"],
    ]);
    expect(await queuedFor()).toHaveLength(3);
  });

  it("stores the neighbours of a row the database refuses one by one, failing only that callback", async () => {
    const { group, batches } = recordingGroup();
    // jsonb cannot hold U+0000: this row fails, and with it the batch's statement.
    const bad = callback("bad", { headers: { "x-odd": "a\u0000b" } });
    const settled = await Promise.allSettled([
      group.store(callback("n1")),
      group.store(bad),
      group.store(callback("n2")),
      group.store(callback("n1")),
    ]);
    expect(batches).toEqual([[4, "one-by-one"]]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const created = settled.map((s) => (s.status === "fulfilled" ? s.value.created : "error"));
    // n1 twice: one of the two stored it, the other is its duplicate.
    expect([created[0], created[3]].sort()).toEqual([false, true]);
    expect(created[2]).toBe(true);
    expect(await stored()).toEqual([
      ["n1", "RECEIVED"],
      ["n2", "RECEIVED"],
    ]);
    expect(await queuedFor()).toHaveLength(2);
  });

  it("splits a burst larger than the batch size into bounded batches", async () => {
    const batches: number[] = [];
    const group = groupWebhookStores(t.ctx({ type: "webhook", provider: "gupshup" }), {
      maxBatch: 4,
      maxWaitMs: 5,
      onBatch: (size) => batches.push(size),
    });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => group.store(callback(`b${i}`))));
    expect(results.every((r) => r.created)).toBe(true);
    expect(batches.every((size) => size <= 4)).toBe(true);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(10);
    expect(await stored()).toHaveLength(10);
    expect(await queuedFor()).toHaveLength(10);
  });
});
