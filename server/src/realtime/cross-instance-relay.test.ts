import { fromPostgresUrl } from "@server/db/client";
import { withTransaction } from "@server/db/transaction";
import { createDeps, type Deps } from "@server/deps";
import { publishAccessChange } from "@server/domain/realtime/publish-access-change";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { createLogger } from "@server/logger";
import { enqueueJob } from "@server/queue/enqueue-job";
import { createTestHarness, type TestHarness, testConfig } from "@test/test-app";
import { testDbKind } from "@test/test-db";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startCrossInstanceRelay } from "./cross-instance-relay";
import type { BusEvent } from "./event-bus";

describe.runIf(testDbKind() === "postgres")(startCrossInstanceRelay.name, () => {
  let a: TestHarness;
  let b: Deps;
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    a = await createTestHarness();
    const url = a.database.url;
    if (!url) throw new Error("postgres test database without url");
    b = createDeps(testConfig(), fromPostgresUrl(url, 2), createLogger("silent"));
    stops.push(await startCrossInstanceRelay(a.deps), await startCrossInstanceRelay(b));
  });
  afterAll(async () => {
    for (const stop of stops) await stop();
    await b.database.close();
    await a.close();
  });

  it("delivers an event committed on one instance to the other instance's bus, once", async () => {
    const onA: BusEvent[] = [];
    const onB: BusEvent[] = [];
    a.deps.bus.subscribe((e) => onA.push(e));
    b.bus.subscribe((e) => onB.push(e));
    await publishEvent(a.ctx(), {
      type: "contact.updated",
      propertyId: 1,
      threadId: 2,
      payload: { contactId: 7 },
    });
    // A later marker instead of a pause: by the time both have crossed, a second copy of the first
    // (or an echo back to its own instance) would have been notified before the marker.
    await publishEvent(a.ctx(), { type: "contact.updated", propertyId: 1, payload: { contactId: 8 } });
    const payloads = (events: BusEvent[]) => events.map((e) => e.payload);
    await vi.waitFor(() =>
      expect(payloads(onB)).toEqual(expect.arrayContaining([{ contactId: 7 }, { contactId: 8 }])),
    );
    expect(payloads(onA)).toEqual([{ contactId: 7 }, { contactId: 8 }]);
    expect(onB).toHaveLength(2);
    expect(onB.find((e) => e.id === onA[0]?.id)).toMatchObject({
      type: "contact.updated",
      payload: { contactId: 7 },
    });
  });

  it("tells the other instance's open streams when a session or key ends", async () => {
    const changes: unknown[] = [];
    b.bus.onAccessChanged((change) => changes.push(change));
    await withTransaction(a.ctx(), async (tx) => {
      await publishAccessChange(tx, { apiKeyId: 41 });
      await publishAccessChange(tx, { staffUserId: 7 });
    });
    await vi.waitFor(() => expect(changes).toHaveLength(2));
    expect(changes).toEqual([{ apiKeyId: 41 }, { staffUserId: 7 }]);
  });

  it("wakes the other instance's job runner when a job is queued", async () => {
    const woken: string[] = [];
    b.bus.onJobQueued((queue) => woken.push(queue));
    await enqueueJob(a.ctx(), "cross-instance-wake", {});
    await vi.waitFor(() => expect(woken).toContain("cross-instance-wake"));
  });
});
