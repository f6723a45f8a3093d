import type { AutoReplyBody } from "@contract/business-hours";
import type { Ctx } from "@server/context";
import { propertyAutoReplies } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { recordAudit } from "@server/domain/audit/record-audit";
import { requirePropertySettingsAccess } from "@server/domain/properties/require-property-settings-access";
import { type AutoReplySettings, loadAutoReplySettings } from "./get-auto-reply-settings";

/** Replaces a property's automatic replies (admins, or the property's managers); audited. */
export async function saveAutoReplySettings(
  ctx: Ctx,
  input: { propertyId: number; values: AutoReplyBody },
): Promise<AutoReplySettings> {
  await requirePropertySettingsAccess(ctx, input.propertyId);
  const values = { ...input.values, updatedAt: ctx.now() };
  return withTransaction(ctx, async (tx) => {
    await tx.db
      .insert(propertyAutoReplies)
      .values({ propertyId: input.propertyId, ...values, createdAt: tx.now() })
      .onConflictDoUpdate({ target: propertyAutoReplies.propertyId, set: values });
    await recordAudit(tx, {
      action: "property.auto_reply_updated",
      targetType: "property",
      targetId: input.propertyId,
      propertyId: input.propertyId,
      details: { outOfHoursEnabled: values.outOfHoursEnabled, greetingEnabled: values.greetingEnabled },
    });
    return loadAutoReplySettings(tx.db, input.propertyId);
  });
}
