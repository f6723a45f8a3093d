import type { CreateStaffBody, UpdateStaffBody } from "@contract/staff";
import type { Ctx } from "@server/context";
import { properties, propertyMemberships, staffUsers } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { allowedPropertyIds, requireRole } from "@server/domain/access/property-scope";
import { drainPropertyQueue } from "@server/domain/assignment/drain-property-queue";
import { recordAudit } from "@server/domain/audit/record-audit";
import { publishAccessChange } from "@server/domain/realtime/publish-access-change";
import { AppError, conflict, notFound, validationFailed } from "@server/errors";
import { and, eq, inArray, ne } from "drizzle-orm";
import { getManagedStaff } from "./get-managed-staff";
import type { StaffWithProperties } from "./list-staff";
import { setStaffActive } from "./set-staff-active";

/**
 * Creates a staff member (no `staffUserId`) or updates one: name, email, role, property memberships,
 * availability and cap; activation goes through setStaffActive. Admins manage everyone; managers only
 * non-admins of their own properties, within the limits of assertManagerMayChange. Passwords are not
 * handled here. Email must be unique (CONFLICT). Open event streams of the person pick up a new role or
 * memberships at once.
 */
export async function saveStaff(
  ctx: Ctx,
  input: { staffUserId?: number; values: CreateStaffBody | UpdateStaffBody },
): Promise<StaffWithProperties> {
  requireRole(ctx, "ADMIN", "MANAGER");
  const { values } = input;
  const allowed = allowedPropertyIds(ctx.actor);
  if (allowed !== "all") {
    if (values.role === "ADMIN") throw new AppError("FORBIDDEN", "managers cannot create administrators");
    if (!input.staffUserId && values.role && !isBelowActor(ctx, values.role))
      throw new AppError("FORBIDDEN", "managers can only give roles below their own");
    if (values.propertyIds?.some((id) => !allowed.includes(id)))
      throw new AppError("FORBIDDEN", "managers can only add staff to their own properties");
    if (!input.staffUserId && !values.propertyIds?.length)
      throw new AppError("FORBIDDEN", "managers must add new staff to one of their properties");
  }
  return withTransaction(ctx, async (tx) => {
    const existing = input.staffUserId ? await getManagedStaff(tx, input.staffUserId) : undefined;
    if (existing && allowed !== "all") assertManagerMayChange(tx, allowed, existing, values);
    if (values.email) {
      const [clash] = await tx.db
        .select({ id: staffUsers.id })
        .from(staffUsers)
        .where(
          and(eq(staffUsers.email, values.email), existing ? ne(staffUsers.id, existing.id) : undefined),
        );
      if (clash) throw conflict("another staff member has this email");
    }
    const { propertyIds, isActive, ...fields } = values;
    const [row] = existing
      ? await tx.db
          .update(staffUsers)
          .set({ ...fields, updatedAt: tx.now() })
          .where(eq(staffUsers.id, existing.id))
          .returning()
      : await tx.db
          .insert(staffUsers)
          .values({
            ...fields,
            email: values.email ?? "",
            name: values.name ?? "",
            isActive: isActive ?? true,
          })
          .returning();
    if (!row) throw notFound("staff", input.staffUserId ?? "");
    // Before the memberships change: a manager who just took someone out of their properties no
    // longer manages them.
    if (existing && isActive !== undefined && isActive !== existing.isActive)
      await setStaffActive(tx, { staffUserId: row.id, isActive });
    if (propertyIds) await replaceMemberships(tx, row.id, propertyIds, existing?.propertyIds ?? []);
    if (existing && (propertyIds || (fields.role && fields.role !== existing.role)))
      await publishAccessChange(tx, { staffUserId: row.id });
    await recordAudit(tx, {
      action: existing ? "staff.updated" : "staff.created",
      targetType: "staff",
      targetId: row.id,
      details: { fields: Object.keys(values) },
    });
    // Re-read as the system: a manager may just have moved this person out of their properties.
    const saved = await getManagedStaff({ ...tx, actor: { type: "system" } }, row.id);
    // Someone new to a property, back on shift or given room takes over its waiting threads.
    if (saved.isActive && saved.isAvailable)
      for (const propertyId of saved.propertyIds) await drainPropertyQueue(tx, { propertyId });
    return saved;
  });
}

const RANK = { AGENT: 0, MANAGER: 1, ADMIN: 2 } as const;
type Role = keyof typeof RANK;

function isBelowActor(ctx: Ctx, role: Role): boolean {
  const actor = ctx.actor;
  if (actor.type !== "staff" && actor.type !== "apiKey") return true;
  return RANK[role] < RANK[actor.role];
}

/**
 * A manager changes only what lies inside their properties. Memberships of other properties are kept
 * (replaceMemberships). The person's account itself (login email, name, active) is shared by every
 * property they belong to, so a manager changes it only for someone wholly inside the manager's
 * properties and below the manager's role: otherwise one hotel's manager could lock another hotel's
 * staff out, or take over their login. Roles move only below the manager's own, so no manager makes a
 * peer or a superior, nor demotes one. Availability (on shift) and the thread cap remain a manager's
 * to set, as before: day-to-day rostering, not the account. Fields sent unchanged (a whole form) pass.
 */
function assertManagerMayChange(
  ctx: Ctx,
  allowed: number[],
  existing: StaffWithProperties,
  values: CreateStaffBody | UpdateStaffBody,
): void {
  if (values.role !== undefined && values.role !== existing.role)
    if (!isBelowActor(ctx, values.role) || !isBelowActor(ctx, existing.role))
      throw new AppError("FORBIDDEN", "managers can only give roles below their own, to staff below them");
  const sharedOrSenior = !managerOwnsAccount(ctx, allowed, existing);
  const accountChanged =
    (values.email !== undefined && values.email !== existing.email.toLowerCase()) ||
    (values.name !== undefined && values.name !== existing.name) ||
    (values.isActive !== undefined && values.isActive !== existing.isActive);
  if (sharedOrSenior && accountChanged)
    throw new AppError(
      "FORBIDDEN",
      "this person also works for other properties or is not below you: ask an administrator to change their email, name or activation",
    );
}

/**
 * Whether a manager may change this person's account (email, name, activation, password): only someone
 * wholly inside the manager's properties and below the manager's role.
 */
export function managerOwnsAccount(ctx: Ctx, allowed: number[], existing: StaffWithProperties): boolean {
  return existing.propertyIds.every((id) => allowed.includes(id)) && isBelowActor(ctx, existing.role);
}

// A manager's change only touches memberships of their own properties; the others are kept.
async function replaceMemberships(ctx: Ctx, staffUserId: number, wanted: number[], current: number[]) {
  const allowed = allowedPropertyIds(ctx.actor);
  const keep = allowed === "all" ? [] : current.filter((id) => !allowed.includes(id));
  const next = [...new Set([...keep, ...wanted])];
  const known = next.length
    ? await ctx.db.select({ id: properties.id }).from(properties).where(inArray(properties.id, next))
    : [];
  const unknown = next.filter((id) => !known.some((p) => p.id === id));
  if (unknown.length) throw validationFailed("propertyIds", `unknown property ${unknown.join(", ")}`);
  await ctx.db.delete(propertyMemberships).where(eq(propertyMemberships.staffUserId, staffUserId));
  if (next.length)
    await ctx.db.insert(propertyMemberships).values(next.map((propertyId) => ({ staffUserId, propertyId })));
}
