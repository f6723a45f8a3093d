import type { Ctx } from "@server/context";
import { contacts } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { AppError } from "@server/errors";
import { eq } from "drizzle-orm";
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";

export type Contact = typeof contacts.$inferSelect;

/**
 * The contact behind an inbound phone number, created when there is none (race-safe: the phone is
 * unique and the insert is `on conflict do nothing`). Fills a missing name.
 * TODO(hub): replace with hub's normalizePhone + findOrCreateContact once the hub branch is merged.
 */
export async function findOrCreateInboundContact(
  ctx: Ctx,
  input: { phone: string; name?: string },
): Promise<Contact> {
  const phone = canonicalPhone(input.phone, ctx.config.defaultCountry);
  const name = input.name?.trim() || null;
  return withTransaction(ctx, async (tx) => {
    const [inserted] = await tx.db
      .insert(contacts)
      .values({ phone, name, createdAt: tx.now() })
      .onConflictDoNothing({ target: contacts.phone })
      .returning();
    if (inserted) return inserted;
    const [found] = await tx.db.select().from(contacts).where(eq(contacts.phone, phone));
    if (!found) throw new Error("contact vanished between conflict and select");
    if (name && !found.name) {
      const [named] = await tx.db.update(contacts).set({ name }).where(eq(contacts.id, found.id)).returning();
      return named ?? found;
    }
    return found;
  });
}

// Digits with country code, no '+'. Gupshup sends that already; the spec's test payload may not.
function canonicalPhone(input: string, defaultCountry: string): string {
  const digits = input.replace(/\D/g, "").replace(/^00/, "");
  const international = parsePhoneNumberFromString(`+${digits}`);
  const readings =
    /^\s*(\+|00)/.test(input) || digits.length > 10
      ? [international]
      : [parsePhoneNumberFromString(input, defaultCountry as CountryCode), international];
  const chosen = readings.find((n) => n?.isPossible());
  if (!chosen) throw new AppError("INVALID_PHONE", "not a phone number: expected digits with a country code");
  return `${chosen.countryCallingCode}${chosen.nationalNumber}`;
}
