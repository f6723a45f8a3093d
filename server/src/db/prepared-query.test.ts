import { contacts } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { uniquePhone } from "@test/factories";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./client";
import { preparedQuery } from "./prepared-query";

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
