import type { Actor, Ctx } from "@server/context";
import { AccessDeniedError, AppError } from "@server/errors";
import { type Column, inArray, type SQL, sql } from "drizzle-orm";

/** The properties an actor may see: "all" for admins and system work, else their memberships. */
export function allowedPropertyIds(actor: Actor): number[] | "all" {
  if (actor.type === "staff" || actor.type === "apiKey")
    return actor.role === "ADMIN" ? "all" : actor.propertyIds;
  return "all";
}

/**
 * A WHERE condition restricting `column` (a property id) to what the actor may see, or undefined when
 * unrestricted. Rows whose property is null are visible to admins and system work only.
 */
export function propertyCondition(ctx: Ctx, column: Column): SQL | undefined {
  const allowed = allowedPropertyIds(ctx.actor);
  if (allowed === "all") return undefined;
  if (allowed.length === 0) return sql`false`;
  return inArray(column, allowed);
}

export function canAccessProperty(ctx: Ctx, propertyId: number | null): boolean {
  const allowed = allowedPropertyIds(ctx.actor);
  if (allowed === "all") return true;
  return propertyId !== null && allowed.includes(propertyId);
}

/**
 * Throws NOT_FOUND (not FORBIDDEN: the caller must not learn that the thing exists) when the actor may
 * not see a row of this property.
 */
export function assertPropertyAccess(
  ctx: Ctx,
  propertyId: number | null,
  entity: string,
  id: string | number,
): void {
  if (!canAccessProperty(ctx, propertyId)) throw new AccessDeniedError(entity, id);
}

export function requireRole(ctx: Ctx, ...roles: Array<"ADMIN" | "MANAGER" | "AGENT">): void {
  const actor = ctx.actor;
  if (actor.type === "system" || actor.type === "webhook") return;
  if (!roles.includes(actor.role)) throw new AppError("FORBIDDEN", `requires role ${roles.join(" or ")}`);
}
