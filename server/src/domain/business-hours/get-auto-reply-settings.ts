import type { AutoReplyResponse } from "@contract/business-hours";
import type { Ctx } from "@server/context";
import type { Db } from "@server/db/client";
import { propertyAutoReplies } from "@server/db/schema/index";
import { requirePropertySettingsAccess } from "@server/domain/properties/require-property-settings-access";
import { eq } from "drizzle-orm";

export type AutoReplySettings = AutoReplyResponse["autoReply"];

const DEFAULT_INTERVAL_MINUTES = 720;

/** A property's automatic replies as stored, all off when never set. No access check: for the hub's own use. */
export async function loadAutoReplySettings(db: Db, propertyId: number): Promise<AutoReplySettings> {
  const [row] = await db
    .select()
    .from(propertyAutoReplies)
    .where(eq(propertyAutoReplies.propertyId, propertyId));
  return {
    propertyId,
    outOfHoursEnabled: row?.outOfHoursEnabled ?? false,
    outOfHoursText: row?.outOfHoursText ?? "",
    outOfHoursTemplateName: row?.outOfHoursTemplateName ?? null,
    outOfHoursTemplateParams: row?.outOfHoursTemplateParams ?? [],
    minIntervalMinutes: row?.minIntervalMinutes ?? DEFAULT_INTERVAL_MINUTES,
    greetingEnabled: row?.greetingEnabled ?? false,
    greetingText: row?.greetingText ?? "",
  };
}

/** The property's automatic replies for its settings screen (admins, or the property's managers). */
export async function getAutoReplySettings(ctx: Ctx, propertyId: number): Promise<AutoReplySettings> {
  await requirePropertySettingsAccess(ctx, propertyId);
  return loadAutoReplySettings(ctx.db, propertyId);
}
