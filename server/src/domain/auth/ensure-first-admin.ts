import type { Ctx } from "@server/context";
import { staffUsers } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { generatePassword } from "@server/domain/staff/password-policy";
import { sql } from "drizzle-orm";
import { createStaffAccount } from "./create-staff-account";

export const DEFAULT_ADMIN_EMAIL = "admin@commhub.local";

export type FirstAdmin =
  | { created: false }
  | {
      created: true;
      email: string /** Set when no ADMIN_PASSWORD was given: show it once. */;
      generatedPassword?: string;
    };

/**
 * On a database without any staff user, creates the first administrator from ADMIN_EMAIL/ADMIN_PASSWORD,
 * or with a random password the caller prints once. Several instances starting together on one
 * PostgreSQL create exactly one (advisory lock); once any user exists it never runs again.
 */
export async function ensureFirstAdmin(
  ctx: Ctx,
  input: { email?: string; password?: string },
): Promise<FirstAdmin> {
  return withTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext('commhub.first_admin'))`);
    const [any] = await tx.db.select({ id: staffUsers.id }).from(staffUsers).limit(1);
    if (any) return { created: false };
    const generatedPassword = input.password ? undefined : generatePassword();
    const email = input.email ?? DEFAULT_ADMIN_EMAIL;
    await createStaffAccount(tx, {
      email,
      name: "Administrator",
      role: "ADMIN",
      password: input.password ?? generatedPassword ?? "",
    });
    return { created: true, email: email.toLowerCase(), generatedPassword };
  });
}
