import type { Ctx } from "@server/context";
import { propertyMemberships, staffUsers } from "@server/db/schema/index";
import { and, eq } from "drizzle-orm";

export type StaffUser = typeof staffUsers.$inferSelect;

/**
 * An active staff member who can hold threads of this property (a member of it, or an admin, who
 * belongs everywhere), or undefined. A null property (unrouted thread) admits any active staff.
 * `membersOnly`: admins count only where they are members (an agent's colleagues).
 */
export async function findStaffInProperty(
  ctx: Ctx,
  staffUserId: number,
  propertyId: number | null,
  options: { membersOnly?: boolean } = {},
): Promise<StaffUser | undefined> {
  const [staff] = await ctx.db
    .select()
    .from(staffUsers)
    .where(and(eq(staffUsers.id, staffUserId), eq(staffUsers.isActive, true)));
  if (!staff) return undefined;
  if (propertyId === null || (staff.role === "ADMIN" && !options.membersOnly)) return staff;
  const [membership] = await ctx.db
    .select()
    .from(propertyMemberships)
    .where(
      and(eq(propertyMemberships.staffUserId, staffUserId), eq(propertyMemberships.propertyId, propertyId)),
    );
  return membership ? staff : undefined;
}
