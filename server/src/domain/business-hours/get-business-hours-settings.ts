import type { BusinessHoursResponse } from "@contract/business-hours";
import type { Ctx } from "@server/context";
import { propertyBusinessHours } from "@server/db/schema/index";
import { requirePropertySettingsAccess } from "@server/domain/properties/require-property-settings-access";
import { eq } from "drizzle-orm";
import { isOpenAt } from "./working-time";

export type BusinessHoursSettings = BusinessHoursResponse["businessHours"];

const CLOSED_WEEK = (): BusinessHoursSettings["weekly"] => [[], [], [], [], [], [], []];

/** A property's hours as its settings screen edits them; switched off (open around the clock) when never set. */
export async function getBusinessHoursSettings(ctx: Ctx, propertyId: number): Promise<BusinessHoursSettings> {
  const { timeZone } = await requirePropertySettingsAccess(ctx, propertyId);
  const [row] = await ctx.db
    .select()
    .from(propertyBusinessHours)
    .where(eq(propertyBusinessHours.propertyId, propertyId));
  const enabled = row?.enabled ?? false;
  const weekly = row?.weekly ?? CLOSED_WEEK();
  const closures = row?.closures ?? [];
  return {
    propertyId,
    timeZone,
    enabled,
    weekly,
    closures,
    openNow: enabled ? isOpenAt({ timeZone, weekly, closures }, ctx.now()) : true,
  };
}
