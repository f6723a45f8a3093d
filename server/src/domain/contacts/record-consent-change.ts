import type { Ctx } from "@server/context";
import { contacts } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { recordAudit } from "@server/domain/audit/record-audit";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { findOrCreateContact } from "./find-or-create-contact";
import { normalizeInternationalPhone } from "./normalize-phone";

export type ConsentChangeInput = {
  /** As the provider wrote it: international, without '+'. */
  phone: string;
  channel: "WHATSAPP" | "SMS";
  optedOut: boolean;
  /** When the guest said so (provider time). */
  at: Date;
  /** What told us: `user-event`, `sms-keyword`. */
  source: string;
};

/**
 * Records a guest's opt-out or opt-in for one channel on their contact (created if unknown, so a later
 * send is refused too); the send API refuses opted-out channels. An opt-in older than the recorded
 * opt-out is ignored; a late opt-out always wins: when in doubt, do not message the guest.
 * Returns whether anything changed.
 */
export async function recordConsentChange(ctx: Ctx, input: ConsentChangeInput): Promise<boolean> {
  return withTransaction(ctx, async (tx) => {
    const phone = normalizeInternationalPhone(input.phone);
    const contact = await findOrCreateContact(tx, { phone });
    const whatsapp = input.channel === "WHATSAPP";
    const flag = whatsapp ? contacts.whatsappOptedOut : contacts.smsOptedOut;
    const since = whatsapp ? contacts.whatsappOptedOutAt : contacts.smsOptedOutAt;
    const patch = input.optedOut
      ? whatsapp
        ? { whatsappOptedOut: true, whatsappOptedOutAt: input.at }
        : { smsOptedOut: true, smsOptedOutAt: input.at }
      : whatsapp
        ? { whatsappOptedOut: false }
        : { smsOptedOut: false };
    const [updated] = await tx.db
      .update(contacts)
      .set({ ...patch, updatedAt: tx.now() })
      .where(
        and(
          eq(contacts.id, contact.id),
          input.optedOut ? eq(flag, false) : and(eq(flag, true), or(isNull(since), lte(since, input.at))),
        ),
      )
      .returning();
    if (!updated) return false;
    await recordAudit(tx, {
      action: input.optedOut ? "contact.opted_out" : "contact.opted_in",
      targetType: "contact",
      targetId: contact.id,
      details: { channel: input.channel, source: input.source, at: input.at.toISOString() },
    });
    await publishEvent(tx, {
      type: "contact.updated",
      propertyId: null,
      payload: {
        contactId: updated.id,
        whatsappOptedOut: updated.whatsappOptedOut,
        smsOptedOut: updated.smsOptedOut,
      },
    });
    return true;
  });
}
