import type { Ctx } from "@server/context";
import { propertyMemberships, staffUsers } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { recordAudit } from "@server/domain/audit/record-audit";
import { getPropertiesByCode } from "@server/domain/properties/get-properties-by-code";
import { hashPassword } from "@server/domain/staff/password-hash";
import { assertPasswordPolicy } from "@server/domain/staff/password-policy";
import { conflict, validationFailed } from "@server/errors";
import { eq, sql } from "drizzle-orm";

export type CreateStaffAccountInput = {
  email: string;
  name: string;
  role: "ADMIN" | "MANAGER" | "AGENT";
  propertyCodes?: string[];
  password: string;
  /** The password was shown to someone else (printed by the CLI): it must be changed at first sign-in. */
  mustChangePassword?: boolean;
};

/** Creates a staff account with a sign-in password (CLI and first start); memberships by property code. */
export async function createStaffAccount(
  ctx: Ctx,
  input: CreateStaffAccountInput,
): Promise<{ id: number; email: string }> {
  assertPasswordPolicy(input.password);
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw validationFailed("email", "must be an email address");
  const passwordHash = await hashPassword(input.password);
  return withTransaction(ctx, async (tx) => {
    const codes = input.propertyCodes ?? [];
    const found = await getPropertiesByCode(tx, codes);
    const [existing] = await tx.db
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(eq(sql`lower(${staffUsers.email})`, email));
    if (existing) throw conflict(`a staff user with email ${email} already exists`);

    const [user] = await tx.db
      .insert(staffUsers)
      .values({
        email,
        name: input.name,
        role: input.role,
        passwordHash,
        mustChangePassword: input.mustChangePassword ?? false,
      })
      .returning({ id: staffUsers.id });
    if (!user) throw new Error("staff user insert returned nothing");
    if (found.length) {
      await tx.db
        .insert(propertyMemberships)
        .values(found.map((p) => ({ staffUserId: user.id, propertyId: p.id })));
    }
    await recordAudit(tx, {
      action: "staff.created",
      targetType: "staff_user",
      targetId: user.id,
      details: { role: input.role, propertyCodes: codes },
    });
    return { id: user.id, email };
  });
}
