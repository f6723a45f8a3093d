import type { Ctx } from "@server/context";
import { propertyMemberships, staffUsers } from "@server/db/schema/index";
import { allowedPropertyIds, requireRole } from "@server/domain/access/property-scope";
import { asc, inArray } from "drizzle-orm";
import type { StaffUser } from "./find-staff-in-property";

export type StaffWithProperties = Omit<StaffUser, "passwordHash"> & { propertyIds: number[] };

/** Staff the actor manages: everyone for admins, members of their properties for managers. */
export async function listStaff(
  ctx: Ctx,
  options: { staffUserIds?: number[] } = {},
): Promise<StaffWithProperties[]> {
  requireRole(ctx, "ADMIN", "MANAGER");
  const allowed = allowedPropertyIds(ctx.actor);
  const memberships = await ctx.db.select().from(propertyMemberships);
  const visible =
    allowed === "all"
      ? undefined
      : [...new Set(memberships.filter((m) => allowed.includes(m.propertyId)).map((m) => m.staffUserId))];
  const ids = options.staffUserIds
    ? options.staffUserIds.filter((id) => visible === undefined || visible.includes(id))
    : visible;
  if (ids?.length === 0) return [];
  const rows = await ctx.db
    .select()
    .from(staffUsers)
    .where(ids ? inArray(staffUsers.id, ids) : undefined)
    .orderBy(asc(staffUsers.name), asc(staffUsers.id));
  return rows.map(({ passwordHash: _hidden, ...staff }) => ({
    ...staff,
    propertyIds: memberships.filter((m) => m.staffUserId === staff.id).map((m) => m.propertyId),
  }));
}
