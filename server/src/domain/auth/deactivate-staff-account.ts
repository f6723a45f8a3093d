import type { Ctx } from "@server/context";
import { staffUsers } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { setStaffActive } from "@server/domain/staff/set-staff-active";
import { notFound } from "@server/errors";
import { eq, sql } from "drizzle-orm";
import { revokeStaffSessions } from "./revoke-staff-sessions";

/** Deactivates a staff account by email (the CLI's path): the same verb as the staff API, by address. */
export async function deactivateStaffAccount(
  ctx: Ctx,
  input: { email: string },
): Promise<{ staffUserId: number; sessionsRevoked: number }> {
  const email = input.email.trim().toLowerCase();
  return withTransaction(ctx, async (tx) => {
    const [user] = await tx.db
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(eq(sql`lower(${staffUsers.email})`, email));
    if (!user) throw notFound("staff user", email);
    const sessionsRevoked = await setStaffActive(tx, { staffUserId: user.id, isActive: false });
    return {
      staffUserId: user.id,
      sessionsRevoked: sessionsRevoked ?? (await revokeStaffSessions(tx, user.id)),
    };
  });
}
