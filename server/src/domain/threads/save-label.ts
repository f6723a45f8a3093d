import type { Label, LabelColor } from "@contract/labels";
import type { Ctx } from "@server/context";
import { labels } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { assertPropertyAccess, requireRole } from "@server/domain/access/property-scope";
import { recordAudit } from "@server/domain/audit/record-audit";
import { conflict } from "@server/errors";
import { and, eq, ne, sql } from "drizzle-orm";
import { getLabel, toLabel } from "./get-label";

/**
 * Creates a label (no `labelId`) or renames/recolours one. Managers and admins of the property only;
 * names are unique per property, ignoring case (CONFLICT).
 */
export async function saveLabel(
  ctx: Ctx,
  input:
    | { labelId?: undefined; propertyId: number; name: string; color: LabelColor }
    | { labelId: number; name?: string; color?: LabelColor },
): Promise<Label> {
  return withTransaction(ctx, async (tx) => {
    if (input.labelId === undefined) {
      assertPropertyAccess(tx, input.propertyId, "property", input.propertyId);
      requireRole(tx, "ADMIN", "MANAGER");
      const [row] = await tx.db
        .insert(labels)
        .values({ propertyId: input.propertyId, name: input.name, color: input.color, createdAt: tx.now() })
        .onConflictDoNothing()
        .returning();
      if (!row) throw conflict("this property already has a label with that name");
      await audit(tx, "label.created", row);
      return toLabel(row);
    }
    const current = await getLabel(tx, input.labelId);
    requireRole(tx, "ADMIN", "MANAGER");
    if (input.name !== undefined) {
      const [clash] = await tx.db
        .select({ id: labels.id })
        .from(labels)
        .where(
          and(
            eq(labels.propertyId, current.propertyId),
            ne(labels.id, current.id),
            sql`lower(${labels.name}) = lower(${input.name})`,
          ),
        );
      if (clash) throw conflict("this property already has a label with that name");
    }
    const [row] = await tx.db
      .update(labels)
      .set({ name: input.name ?? current.name, color: input.color ?? current.color })
      .where(eq(labels.id, current.id))
      .returning();
    if (!row) throw new Error("label vanished while saving");
    await audit(tx, "label.updated", row);
    return toLabel(row);
  });
}

async function audit(ctx: Ctx, action: string, row: typeof labels.$inferSelect): Promise<void> {
  await recordAudit(ctx, {
    action,
    targetType: "label",
    targetId: row.id,
    propertyId: row.propertyId,
    details: { name: row.name, color: row.color },
  });
}
