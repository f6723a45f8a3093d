import type { Ctx } from "@server/context";
import { contacts } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { recordAudit } from "@server/domain/audit/record-audit";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { eq } from "drizzle-orm";
import { contactProfile, withProfile } from "./contact-profile";
import type { Contact } from "./find-or-create-contact";
import { getContact } from "./get-contact";
import { normalizeEmail } from "./normalize-email";

export type UpdateContactInput = {
  name?: string | null;
  email?: string | null;
  whatsappOptedOut?: boolean;
  smsOptedOut?: boolean;
  /** A language code (en, hi, pt-br); null clears it. */
  language?: string | null;
  notes?: string | null;
};

/** Edits a contact's name, email, language, notes and channel consent (opt-outs are timestamped and audited). */
export async function updateContact(
  ctx: Ctx,
  contactId: number,
  input: UpdateContactInput,
): Promise<Contact> {
  return withTransaction(ctx, async (tx) => {
    const contact = await getContact(tx, contactId, { forUpdate: true });
    const patch: Partial<Contact> = {};
    if (input.name !== undefined) patch.name = input.name?.trim() || null;
    if (input.email !== undefined) patch.email = normalizeEmail(input.email) ?? null;
    if (input.whatsappOptedOut !== undefined && input.whatsappOptedOut !== contact.whatsappOptedOut) {
      patch.whatsappOptedOut = input.whatsappOptedOut;
      patch.whatsappOptedOutAt = input.whatsappOptedOut ? tx.now() : null;
    }
    if (input.smsOptedOut !== undefined && input.smsOptedOut !== contact.smsOptedOut) {
      patch.smsOptedOut = input.smsOptedOut;
      patch.smsOptedOutAt = input.smsOptedOut ? tx.now() : null;
    }
    const profile = contactProfile(contact.metadata);
    const changedProfile: string[] = [];
    if (input.language !== undefined && (input.language || null) !== profile.language)
      changedProfile.push("language");
    if (input.notes !== undefined && (input.notes?.trim() || null) !== profile.notes)
      changedProfile.push("notes");
    if (changedProfile.length)
      patch.metadata = withProfile(contact.metadata, {
        language: input.language === undefined ? undefined : input.language || null,
        notes: input.notes === undefined ? undefined : input.notes?.trim() || null,
      });
    if (Object.keys(patch).length === 0) return contact;
    const [updated] = await tx.db.update(contacts).set(patch).where(eq(contacts.id, contact.id)).returning();
    if (!updated) throw new Error("contact vanished while updating");
    await recordAudit(tx, {
      action: "contact.updated",
      targetType: "contact",
      targetId: contact.id,
      // Which fields changed, never their values (notes may hold personal details).
      details: {
        fields: [
          ...Object.keys(patch).filter((k) => !k.endsWith("At") && k !== "metadata"),
          ...changedProfile,
        ],
      },
    });
    await publishEvent(tx, { type: "contact.updated", propertyId: null, payload: { contactId: contact.id } });
    return updated;
  });
}
