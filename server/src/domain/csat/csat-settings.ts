import { type CsatSettingsBody, type CsatSettingsDto, DEFAULT_CSAT_SURVEY_TEXT } from "@contract/csat";
import type { Ctx } from "@server/context";
import { csatSettings } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { recordAudit } from "@server/domain/audit/record-audit";
import { requirePropertySettingsAccess } from "@server/domain/properties/require-property-settings-access";
import { eq } from "drizzle-orm";

/** A property's stored setting, or the default (off) when it has none. No access check: internal use. */
export async function findCsatSettings(ctx: Ctx, propertyId: number): Promise<CsatSettingsDto> {
  const [row] = await ctx.db.select().from(csatSettings).where(eq(csatSettings.propertyId, propertyId));
  return row
    ? {
        propertyId,
        enabled: row.enabled,
        delayMinutes: row.delayMinutes,
        templateName: row.templateName,
        surveyText: row.surveyText,
      }
    : {
        propertyId,
        enabled: false,
        delayMinutes: 30,
        templateName: null,
        surveyText: DEFAULT_CSAT_SURVEY_TEXT,
      };
}

/** The CSAT setting of a property: admins, and managers of that property (others NOT_FOUND). */
export async function getCsatSettings(ctx: Ctx, input: { propertyId: number }): Promise<CsatSettingsDto> {
  await requirePropertySettingsAccess(ctx, input.propertyId);
  return findCsatSettings(ctx, input.propertyId);
}

/** Replaces a property's CSAT setting (same access as getCsatSettings), audited. */
export async function saveCsatSettings(
  ctx: Ctx,
  input: { propertyId: number; values: CsatSettingsBody },
): Promise<CsatSettingsDto> {
  await requirePropertySettingsAccess(ctx, input.propertyId);
  return withTransaction(ctx, async (tx) => {
    const values = { ...input.values, updatedAt: tx.now() };
    await tx.db
      .insert(csatSettings)
      .values({ propertyId: input.propertyId, ...values })
      .onConflictDoUpdate({ target: csatSettings.propertyId, set: values });
    await recordAudit(tx, {
      action: "property.csat_updated",
      targetType: "property",
      targetId: input.propertyId,
      propertyId: input.propertyId,
      details: { enabled: values.enabled, delayMinutes: values.delayMinutes },
    });
    return findCsatSettings(tx, input.propertyId);
  });
}
