import { withTransaction } from "@server/db/transaction";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOncePerTransaction } from "./transaction-memo";

let t: TestHarness;
beforeAll(async () => {
  t = await createTestHarness();
});
afterAll(() => t.close());

describe(readOncePerTransaction.name, () => {
  it("reads once per transaction and key, and every time outside a transaction", async () => {
    let reads = 0;
    const read = async () => ++reads;
    const inFirst = await withTransaction(t.ctx(), async (tx) => [
      await readOncePerTransaction(tx, "a", read),
      await readOncePerTransaction(tx, "a", read),
      await readOncePerTransaction(tx, "b", read),
    ]);
    expect(inFirst).toEqual([1, 1, 2]);
    const inSecond = await withTransaction(t.ctx(), (tx) => readOncePerTransaction(tx, "a", read));
    expect(inSecond).toBe(3);
    expect([
      await readOncePerTransaction(t.ctx(), "a", read),
      await readOncePerTransaction(t.ctx(), "a", read),
    ]).toEqual([4, 5]);
  });
});
