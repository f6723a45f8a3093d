import type { Ctx } from "@server/context";
import { properties, propertyMemberships, staffUsers } from "@server/db/schema/index";
import { notFound } from "@server/errors";
import { asc, eq } from "drizzle-orm";

export type StaffProfile = {
  id: number;
  email: string;
  name: string;
  role: "ADMIN" | "MANAGER" | "AGENT";
  /** The properties this person works for; every property for an admin. */
  properties: Array<{ id: number; code: string; name: string }>;
  mustChangePassword: boolean;
};

/** Who a staff member is and which properties they see, for the web app's header and filters. */
export async function getStaffProfile(ctx: Ctx, staffUserId: number): Promise<StaffProfile> {
  const [user] = await ctx.db.select().from(staffUsers).where(eq(staffUsers.id, staffUserId));
  if (!user) throw notFound("staff user", staffUserId);
  const columns = { id: properties.id, code: properties.code, name: properties.name };
  const visible =
    user.role === "ADMIN"
      ? await ctx.db.select(columns).from(properties).orderBy(asc(properties.code))
      : await ctx.db
          .select(columns)
          .from(propertyMemberships)
          .innerJoin(properties, eq(properties.id, propertyMemberships.propertyId))
          .where(eq(propertyMemberships.staffUserId, staffUserId))
          .orderBy(asc(properties.code));
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    properties: visible,
    mustChangePassword: user.mustChangePassword,
  };
}
