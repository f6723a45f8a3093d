import type { Ctx } from "@server/context";
import { staffUsers } from "@server/db/schema/index";
import { and, asc, eq } from "drizzle-orm";

/** Emails of active demo accounts still on the password the demo seed gave them (printed once, but in logs and terminals). */
export async function listAccountsOnDemoPassword(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db
    .select({ email: staffUsers.email })
    .from(staffUsers)
    .where(and(eq(staffUsers.hasDemoPassword, true), eq(staffUsers.isActive, true)))
    .orderBy(asc(staffUsers.id));
  return rows.map((row) => row.email);
}
