import { contacts } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { uniquePhone } from "@test/factories";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./client";
import { preparedQuery, preparedRows } from "./prepared-query";
import { queryRows } from "./query-rows";

let t: TestHarness;
beforeAll(async () => {
  t = await createTestHarness();
});
afterAll(() => t.close());

describe(preparedQuery.name, () => {
  it("builds a statement once per connection and runs it with each call's values, in and out of transactions", async () => {
    const [a, b] = [uniquePhone(), uniquePhone()];
    await t.database.db.insert(contacts).values([{ phone: a }, { phone: b }]);
    let builds = 0;
    const byPhone = (db: Db) =>
      preparedQuery(db, "test_contact_by_phone", (d, name) => {
        builds += 1;
        return d
          .select({ phone: contacts.phone })
          .from(contacts)
          .where(eq(contacts.phone, sql.placeholder("phone")))
          .prepare(name);
      });

    expect(await byPhone(t.database.db).execute({ phone: a })).toEqual([{ phone: a }]);
    expect(await byPhone(t.database.db).execute({ phone: b })).toEqual([{ phone: b }]);
    expect(builds).toBe(1);

    const inTransaction = await withTransaction(t.ctx(), async (tx) => [
      await byPhone(tx.db).execute({ phone: b }),
      await byPhone(tx.db).execute({ phone: "nobody" }),
    ]);
    expect(inTransaction).toEqual([[{ phone: b }], []]);
    // Built again for the transaction's connection, and only once there.
    expect(builds).toBe(2);
  });
});

describe(preparedRows.name, () => {
  it("runs a fixed SQL text with each call's values and, on PostgreSQL, as a statement the server prepared", async () => {
    const text = () => sql`select ${sql.placeholder("n")}::int * 2 as n`;
    const doubled = (db: Db, n: number) => preparedRows<{ n: number }>(db, "test_doubled", text, { n });
    expect(await doubled(t.database.db, 2)).toEqual([{ n: 4 }]);
    expect(await doubled(t.database.db, 5)).toEqual([{ n: 10 }]);

    const prepared = await withTransaction(t.ctx(), async (tx) => {
      expect(await doubled(tx.db, 7)).toEqual([{ n: 14 }]);
      return queryRows<{ statement: string }>(
        tx.db,
        sql`select statement from pg_prepared_statements where name = 'test_doubled'`,
      );
    });
    // PGlite runs one connection in-process and keeps no named statements; the server does.
    if (t.database.kind === "postgres") expect(prepared).toEqual([{ statement: "select $1::int * 2 as n" }]);
  });
});
