import {
  bookings,
  callLogs,
  cannedReplies,
  contacts,
  emailMessages,
  messageLogs,
  properties,
  staffUsers,
  threadNotes,
  threads,
} from "@server/db/schema/index";
import { verifyPassword } from "@server/domain/staff/password-hash";
import { setStaffActive } from "@server/domain/staff/set-staff-active";
import { setStaffPassword } from "@server/domain/staff/set-staff-password";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAccountsOnDemoPassword } from "./list-accounts-on-demo-password";
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
  cannedReplies,
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
    const accounts = await loadDemoDataIfEmpty(t.ctx());
    expect(accounts?.map((a) => a.email)).toHaveLength(5);
    const first = await counts();
    expect(first).toMatchObject({
      properties: 2,
      staffUsers: 5,
      contacts: 30,
      bookings: 30,
      cannedReplies: 4,
    });
    for (const name of ["threads", "messageLogs", "callLogs", "emailMessages", "threadNotes"])
      expect(first[name], name).toBeGreaterThan(0);
    expect(await loadDemoDataIfEmpty(t.ctx())).toBeUndefined();
    expect(await seedDemo(t.ctx())).toEqual({ steps: 0, accounts: [] });
    expect(await counts()).toEqual(first);
  });

  it("gives each demo account its own random password, none known in advance (issue 14, finding 6)", async () => {
    const h = await createTestHarness();
    try {
      const { accounts } = await seedDemo(h.ctx());
      const passwords = accounts.map((a) => a.password);
      expect(new Set(passwords).size).toBe(5);
      for (const password of passwords) {
        expect(password).not.toBe("commhub-demo");
        expect(password.length).toBeGreaterThanOrEqual(16);
      }
      for (const account of accounts) {
        const [row] = await h.database.db
          .select()
          .from(staffUsers)
          .where(eq(staffUsers.email, account.email));
        expect(await verifyPassword(row?.passwordHash ?? null, account.password)).toMatchObject({ ok: true });
      }
      // Still on the printed password: listed, until changed or deactivated.
      expect(await listAccountsOnDemoPassword(h.ctx())).toHaveLength(5);
      const [admin, manager] = accounts;
      await setStaffPassword(h.ctx(), { email: admin?.email ?? "", password: "a private password" });
      const [managerRow] = await h.database.db
        .select()
        .from(staffUsers)
        .where(eq(staffUsers.email, manager?.email ?? ""));
      await setStaffActive(h.ctx(), { staffUserId: managerRow?.id ?? 0, isActive: false });
      expect(await listAccountsOnDemoPassword(h.ctx())).toEqual(accounts.slice(2).map((a) => a.email));
    } finally {
      await h.close();
    }
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
