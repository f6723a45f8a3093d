import { createTestDatabase } from "@test/test-db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./client";
import { countPendingMigrations, runMigrations } from "./migrate";
import { queryRows } from "./query-rows";
import { contacts, properties, threads } from "./schema/index";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe(runMigrations.name, () => {
  it("leaves nothing pending and is a no-op when run again", async () => {
    expect(await countPendingMigrations(database.db)).toBe(0);
    expect(await runMigrations(database.db)).toBe(0);
  });

  it("lets concurrent runs (instances starting together) wait on the lock instead of failing", async () => {
    const results = await Promise.all([runMigrations(database.db), runMigrations(database.db)]);
    expect(results).toEqual([0, 0]);
  });

  it("creates every table of the data model", async () => {
    const rows = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    const tables = rows.map((r) => r.table_name);
    for (const name of [
      "message_logs",
      "contacts",
      "threads",
      "properties",
      "staff_users",
      "property_memberships",
      "bookings",
      "call_logs",
      "email_messages",
      "webhook_events",
      "audit_logs",
    ]) {
      expect(tables).toContain(name);
    }
  });

  it("enforces at most one unresolved thread per contact and property", async () => {
    const [property] = await database.db.insert(properties).values({ code: "MIG1", name: "Mig" }).returning();
    const [contact] = await database.db.insert(contacts).values({ phone: "919800000001" }).returning();
    if (!property || !contact) throw new Error("insert failed");
    await database.db.insert(threads).values({ contactId: contact.id, propertyId: property.id });
    await expect(
      database.db.insert(threads).values({ contactId: contact.id, propertyId: property.id }),
    ).rejects.toThrow();
    // A resolved thread does not block a new one, and a thread with no property counts as its own slot.
    await database.db
      .insert(threads)
      .values({ contactId: contact.id, propertyId: property.id, status: "RESOLVED" });
    await database.db.insert(threads).values({ contactId: contact.id, propertyId: null });
    await expect(
      database.db.insert(threads).values({ contactId: contact.id, propertyId: null }),
    ).rejects.toThrow();
  });
});
