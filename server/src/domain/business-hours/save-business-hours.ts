import type { BusinessHoursBody } from "@contract/business-hours";
import type { Ctx } from "@server/context";
import { propertyBusinessHours } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { recordAudit } from "@server/domain/audit/record-audit";
import { requirePropertySettingsAccess } from "@server/domain/properties/require-property-settings-access";
import { type BusinessHoursSettings, getBusinessHoursSettings } from "./get-business-hours-settings";

/** Replaces a property's opening hours (admins, or the property's managers); audited. */
export async function saveBusinessHours(
  ctx: Ctx,
  input: { propertyId: number; values: BusinessHoursBody },
): Promise<BusinessHoursSettings> {
  await requirePropertySettingsAccess(ctx, input.propertyId);
  const closures = [...input.values.closures].sort((a, b) => a.date.localeCompare(b.date));
  const values = {
    enabled: input.values.enabled,
    weekly: input.values.weekly,
    closures,
    updatedAt: ctx.now(),
  };
  return withTransaction(ctx, async (tx) => {
    await tx.db
      .insert(propertyBusinessHours)
      .values({ propertyId: input.propertyId, ...values, createdAt: tx.now() })
      .onConflictDoUpdate({ target: propertyBusinessHours.propertyId, set: values });
    await recordAudit(tx, {
      action: "property.business_hours_updated",
      targetType: "property",
      targetId: input.propertyId,
      propertyId: input.propertyId,
      details: { enabled: values.enabled, closures: closures.length },
    });
    return getBusinessHoursSettings(tx, input.propertyId);
  });
}
