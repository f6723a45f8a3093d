import type { Ctx } from "@server/context";
import { bookings, contacts, threads } from "@server/db/schema/index";
import { propertyCondition } from "@server/domain/access/property-scope";
import { and, type SQL, sql } from "drizzle-orm";

/**
 * A WHERE condition: contacts the actor may see, i.e. with a thread or a booking in one of the actor's
 * properties (everyone for admins and system work). Undefined when unrestricted.
 */
export function contactVisibleCondition(ctx: Ctx): SQL | undefined {
  const inThreads = propertyCondition(ctx, threads.propertyId);
  if (!inThreads) return undefined;
  const inBookings = propertyCondition(ctx, bookings.propertyId);
  return sql`(exists (select 1 from ${threads} where ${and(sql`${threads.contactId} = ${contacts.id}`, inThreads)})
    or exists (select 1 from ${bookings} where ${and(sql`${bookings.contactId} = ${contacts.id}`, inBookings)}))`;
}
