import type { ContactDto } from "@contract/contacts";
import { contactProfile } from "@server/domain/contacts/contact-profile";
import type { Contact } from "@server/domain/contacts/find-or-create-contact";

export function presentContact(c: Contact): ContactDto {
  return {
    id: c.id,
    name: c.name,
    phone: c.phone,
    email: c.email,
    whatsappOptedOut: c.whatsappOptedOut,
    whatsappOptedOutAt: c.whatsappOptedOutAt?.toISOString() ?? null,
    whatsappUnreachableAt: c.whatsappUnreachableAt?.toISOString() ?? null,
    smsOptedOut: c.smsOptedOut,
    smsOptedOutAt: c.smsOptedOutAt?.toISOString() ?? null,
    marketingOptedOut: c.marketingOptedOut,
    marketingOptedOutAt: c.marketingOptedOut ? (c.marketingPreferenceAt?.toISOString() ?? null) : null,
    ...contactProfile(c.metadata),
    mergedIntoId: c.mergedIntoId,
    createdAt: c.createdAt.toISOString(),
  };
}
