import type { Ctx } from "@server/context";
import { labels } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { requireRole } from "@server/domain/access/property-scope";
import { recordAudit } from "@server/domain/audit/record-audit";
import { eq } from "drizzle-orm";
import { getLabel } from "./get-label";

/** Deletes a label and takes it off every thread (managers and admins of its property). */
export async function deleteLabel(ctx: Ctx, input: { labelId: number }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const label = await getLabel(tx, input.labelId);
    requireRole(tx, "ADMIN", "MANAGER");
    await tx.db.delete(labels).where(eq(labels.id, label.id));
    await recordAudit(tx, {
      action: "label.deleted",
      targetType: "label",
      targetId: label.id,
      propertyId: label.propertyId,
      details: { name: label.name },
    });
  });
}
