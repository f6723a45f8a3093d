import type { SlaPolicy } from "@contract/sla";
import type { Ctx } from "@server/context";
import { slaPolicies } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { recordAudit } from "@server/domain/audit/record-audit";
import { requirePropertySettingsAccess } from "@server/domain/properties/require-property-settings-access";
import { priorityRank } from "@server/domain/threads/set-thread-priority";
import { eq } from "drizzle-orm";
import { listSlaPolicies } from "./list-sla-policies";

/**
 * Replaces a property's SLA policies (same access as listSlaPolicies). Running targets keep the due
 * times they were given; new clocks follow the new policies.
 */
export async function saveSlaPolicies(
  ctx: Ctx,
  input: { propertyId: number; policies: SlaPolicy[] },
): Promise<SlaPolicy[]> {
  await requirePropertySettingsAccess(ctx, input.propertyId);
  return withTransaction(ctx, async (tx) => {
    await tx.db.delete(slaPolicies).where(eq(slaPolicies.propertyId, input.propertyId));
    if (input.policies.length)
      await tx.db.insert(slaPolicies).values(
        input.policies.map((p) => ({
          ...p,
          propertyId: input.propertyId,
          priority: p.priority === null ? null : priorityRank(p.priority),
        })),
      );
    await recordAudit(tx, {
      action: "property.sla_policies_saved",
      targetType: "property",
      targetId: input.propertyId,
      propertyId: input.propertyId,
      details: { policies: input.policies.length },
    });
    return listSlaPolicies(tx, { propertyId: input.propertyId });
  });
}
