import type { Ctx } from "@server/context";
import { properties } from "@server/db/schema/index";
import { assertPropertyAccess, requireRole } from "@server/domain/access/property-scope";
import { notFound } from "@server/errors";
import { eq } from "drizzle-orm";

/**
 * A property's own settings (business hours, automatic replies, response-time targets, the satisfaction
 * survey) are run by admins and by the managers of the property:
 * FORBIDDEN for agents, NOT_FOUND for a property the caller does not belong to (or that does not exist).
 * Returns the property's time zone.
 */
export async function requirePropertySettingsAccess(
  ctx: Ctx,
  propertyId: number,
): Promise<{ timeZone: string }> {
  requireRole(ctx, "ADMIN", "MANAGER");
  assertPropertyAccess(ctx, propertyId, "property", propertyId);
  const [property] = await ctx.db
    .select({ timeZone: properties.timezone })
    .from(properties)
    .where(eq(properties.id, propertyId));
  if (!property) throw notFound("property", propertyId);
  return property;
}
