import type { Db } from "@server/db/client";
import { properties, propertyBusinessHours } from "@server/db/schema/index";
import { eq } from "drizzle-orm";
import type { BusinessHours } from "./working-time";

/**
 * The opening hours of a property in its time zone, or null when it keeps none (open around the clock,
 * which is also the answer for a property that does not exist).
 */
export async function getBusinessHours(db: Db, propertyId: number): Promise<BusinessHours | null> {
  const [row] = await db
    .select({
      enabled: propertyBusinessHours.enabled,
      weekly: propertyBusinessHours.weekly,
      closures: propertyBusinessHours.closures,
      timeZone: properties.timezone,
    })
    .from(propertyBusinessHours)
    .innerJoin(properties, eq(properties.id, propertyBusinessHours.propertyId))
    .where(eq(propertyBusinessHours.propertyId, propertyId));
  if (!row?.enabled) return null;
  return { timeZone: row.timeZone, weekly: row.weekly, closures: row.closures };
}
