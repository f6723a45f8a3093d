import type { Ctx } from "@server/context";
import { properties } from "@server/db/schema/index";
import { propertyCondition } from "@server/domain/access/property-scope";
import { asc } from "drizzle-orm";

export type Property = typeof properties.$inferSelect;

/** The properties the actor belongs to (all of them for admins), by code. */
export async function listProperties(ctx: Ctx): Promise<Property[]> {
  return ctx.db
    .select()
    .from(properties)
    .where(propertyCondition(ctx, properties.id))
    .orderBy(asc(properties.code));
}
