import type { Ctx } from "@server/context";
import { contacts } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { recordAudit } from "@server/domain/audit/record-audit";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { and, eq, isNull, lt, lte, or } from "drizzle-orm";
import { findOrCreateContact } from "./find-or-create-contact";
import { normalizeInternationalPhone } from "./normalize-phone";

export type MarketingPreferenceInput = {
  /** The guest: their contact, or their phone as the provider wrote it (international, no '+'). */
  guest: { contactId: number } | { phone: string };
  optedOut: boolean;
  /** The provider's time of the event: the latest one wins, whatever order they arrive in. */
  at: Date;
  /** What told us: `user-preferences` (Meta's stop/resume), `error-131050` (a refused marketing send). */
  source: string;
};

/**
 * Records a guest's marketing-message preference (stop or resume) on their contact; a contact named by
 * phone is created if unknown, so a later marketing send is refused too. An event older than the one
 * already applied changes nothing; at the same instant a stop wins. Only MARKETING templates are
 * affected: service replies and utility templates still go out. Returns whether anything changed.
 */
export async function recordMarketingPreference(ctx: Ctx, input: MarketingPreferenceInput): Promise<boolean> {
  return withTransaction(ctx, async (tx) => {
    const contactId =
      "contactId" in input.guest
        ? input.guest.contactId
        : (await findOrCreateContact(tx, { phone: normalizeInternationalPhone(input.guest.phone) })).id;
    const since = contacts.marketingPreferenceAt;
    const [updated] = await tx.db
      .update(contacts)
      .set({ marketingOptedOut: input.optedOut, marketingPreferenceAt: input.at, updatedAt: tx.now() })
      .where(
        and(
          eq(contacts.id, contactId),
          or(isNull(since), input.optedOut ? lte(since, input.at) : lt(since, input.at)),
        ),
      )
      .returning();
    if (!updated) return false;
    await recordAudit(tx, {
      action: input.optedOut ? "contact.marketing_stopped" : "contact.marketing_resumed",
      targetType: "contact",
      targetId: contactId,
      details: { source: input.source, at: input.at.toISOString() },
    });
    await publishEvent(tx, {
      type: "contact.updated",
      propertyId: null,
      payload: { contactId, marketingOptedOut: updated.marketingOptedOut },
    });
    return true;
  });
}
