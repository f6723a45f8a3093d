import type { Db } from "@server/db/client";
import { bookings, properties, propertyMemberships, staffUsers } from "@server/db/schema/index";

let seq = 0;
const next = () => ++seq;

type NewProperty = typeof properties.$inferInsert;
type NewStaff = typeof staffUsers.$inferInsert;
type NewBooking = typeof bookings.$inferInsert;

export async function createProperty(db: Db, overrides: Partial<NewProperty> = {}) {
  const n = next();
  const [row] = await db
    .insert(properties)
    .values({ code: `P${n}`, name: `Property ${n}`, ...overrides })
    .returning();
  if (!row) throw new Error("property insert returned nothing");
  return row;
}

export async function createStaff(db: Db, propertyIds: number[], overrides: Partial<NewStaff> = {}) {
  const n = next();
  const [row] = await db
    .insert(staffUsers)
    .values({ email: `staff${n}@example.com`, name: `Staff ${n}`, ...overrides })
    .returning();
  if (!row) throw new Error("staff insert returned nothing");
  if (propertyIds.length)
    await db
      .insert(propertyMemberships)
      .values(propertyIds.map((propertyId) => ({ staffUserId: row.id, propertyId })));
  return row;
}

export async function createBooking(
  db: Db,
  values: Pick<NewBooking, "propertyId" | "checkIn" | "checkOut"> & Partial<NewBooking>,
) {
  const [row] = await db
    .insert(bookings)
    .values({ reference: `BK${next()}`, ...values })
    .returning();
  if (!row) throw new Error("booking insert returned nothing");
  return row;
}

/** A phone number no other test uses: 98 followed by eight digits. */
export function uniquePhone(): string {
  return `9198${String(next()).padStart(8, "0")}`;
}

/** YYYY-MM-DD `days` from `from`. */
export function day(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
