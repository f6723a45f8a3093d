import {
  bookings,
  callLogs,
  contacts,
  emailMessages,
  messageLogs,
  properties,
  staffUsers,
  threadNotes,
  threads,
} from "@server/db/schema/index";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoDataIfEmpty } from "./load-demo-data-if-empty";
import { seedDemo } from "./seed-demo";

let t: TestHarness;
beforeAll(async () => {
  t = await createTestHarness();
});
afterAll(() => t.close());

const tables = {
  properties,
  staffUsers,
  contacts,
  bookings,
  threads,
  messageLogs,
  callLogs,
  emailMessages,
  threadNotes,
};
async function counts() {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(table);
    out[name] = row?.n ?? -1;
  }
  return out;
}

describe(seedDemo.name, () => {
  it("loads the demo chain into an empty database, once", async () => {
    expect(await loadDemoDataIfEmpty(t.ctx())).toBe(true);
    const first = await counts();
    expect(first).toMatchObject({ properties: 2, staffUsers: 5, contacts: 30, bookings: 30 });
    for (const name of ["threads", "messageLogs", "callLogs", "emailMessages", "threadNotes"])
      expect(first[name], name).toBeGreaterThan(0);
    expect(await loadDemoDataIfEmpty(t.ctx())).toBe(false);
    expect(await seedDemo(t.ctx())).toEqual({ steps: 0 });
    expect(await counts()).toEqual(first);
  });

  it("gives the conversations their booking's property, assignee and a mix of states", async () => {
    const rows = await t.database.db.select().from(threads);
    expect(rows.every((r) => r.propertyId !== null)).toBe(true);
    expect(rows.some((r) => r.status === "RESOLVED")).toBe(true);
    expect(rows.some((r) => r.unreadCount > 0)).toBe(true);
    expect(rows.some((r) => r.assigneeId !== null)).toBe(true);
    const statuses = new Set((await t.database.db.select().from(messageLogs)).map((m) => m.status));
    expect([...statuses].sort()).toEqual(["DELIVERED", "FAILED", "READ"]);
  });
});
