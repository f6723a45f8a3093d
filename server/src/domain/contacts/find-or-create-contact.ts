import type { Ctx } from "@server/context";
import { lockAdvisory } from "@server/db/advisory-lock";
import { preparedQuery } from "@server/db/prepared-query";
import { contacts } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { stashInTransaction, takeFromTransaction } from "@server/db/transaction-memo";
import { validationFailed } from "@server/errors";
import { and, eq, isNull, sql } from "drizzle-orm";
import { followMerges } from "./follow-merges";

export type Contact = typeof contacts.$inferSelect;

export type FindOrCreateContactInput = {
  /** Already normalized (normalizePhone). */
  phone?: string;
  /** Already trimmed and lower-cased. */
  email?: string;
  name?: string;
};

/**
 * The contact with this phone (else, for email-only input or a phone-less contact, this email),
 * created when there is none. Race-safe: the lookup and insert run under an advisory lock on the phone
 * or email, and the phone insert is also `on conflict do nothing`. Missing name/email are filled in.
 * A merged contact resolves to the contact it was merged into.
 */
export async function findOrCreateContact(ctx: Ctx, input: FindOrCreateContactInput): Promise<Contact> {
  return (await resolveContact(ctx, input)).contact;
}

/**
 * findOrCreateContact, also saying whether the contact was created just now: one created in this
 * transaction has no thread and no booking yet, so linkThread need not look for them.
 */
export async function resolveContact(
  ctx: Ctx,
  input: FindOrCreateContactInput,
): Promise<{ contact: Contact; created: boolean }> {
  const { phone, email } = input;
  const name = input.name?.trim() || undefined;
  if (!phone && !email) throw validationFailed("contact", "a phone number or an email address is needed");
  return withTransaction(ctx, async (tx) => {
    if (phone) await lockAdvisory(tx, "contact-phone", phone);
    if (email) await lockAdvisory(tx, "contact-email", email);
    const found = await findExisting(tx, phone, email);
    if (found)
      return {
        contact: await followMerges(tx, await fillIn(tx, found, { phone, email, name })),
        created: false,
      };
    const [inserted] = await tx.db
      .insert(contacts)
      .values({ phone: phone ?? null, email: email ?? null, name: name ?? null, createdAt: tx.now() })
      .onConflictDoNothing({ target: contacts.phone })
      .returning();
    if (inserted) return { contact: inserted, created: true };
    const again = await findExisting(tx, phone, email);
    if (!again) throw new Error("contact vanished between conflict and select");
    return { contact: await followMerges(tx, again), created: false };
  });
}

/** The contact findOrCreateContact would pick for this phone/email, without creating or changing one. */
export async function findExistingContact(
  ctx: Ctx,
  input: Pick<FindOrCreateContactInput, "phone" | "email">,
): Promise<Contact | undefined> {
  const found = await findExisting(ctx, input.phone, input.email);
  return found ? followMerges(ctx, found) : undefined;
}

const CONTACT_BY_PHONE = "contact-by-phone";

/**
 * Reads the contacts of many phones (normalized) in one statement and keeps them for this transaction:
 * findOrCreateContact then takes each one's row instead of reading it, once. Call holding the phones'
 * locks ("contact-phone"), as findOrCreateContact does, so no other transaction creates them meanwhile.
 */
export async function stashContactsByPhone(ctx: Ctx, phones: string[]): Promise<Contact[]> {
  if (phones.length === 0) return [];
  const list = sql.join(
    phones.map((phone) => sql`${phone}`),
    sql`, `,
  );
  // A join rather than `phone in (…)`, which PostgreSQL may answer from the phone's trigram index
  // (kept for search) at a far higher cost than the unique index's lookups.
  const rows = await ctx.db
    .select({ contact: contacts })
    .from(sql`unnest(array[${list}]::text[]) as guest(phone)`)
    .innerJoin(contacts, sql`${contacts.phone} = guest.phone`);
  const found = rows.map((row) => row.contact);
  const byPhone = new Map(found.map((contact) => [contact.phone ?? "", contact]));
  // A phone without a contact is stashed too (null): its first message creates the contact at once.
  stashInTransaction(
    ctx,
    CONTACT_BY_PHONE,
    phones.map((phone) => [phone, byPhone.get(phone) ?? null] as const),
  );
  return found;
}

async function findExisting(ctx: Ctx, phone?: string, email?: string): Promise<Contact | undefined> {
  if (phone) {
    const stashed = takeFromTransaction<Contact | null>(ctx, CONTACT_BY_PHONE, phone);
    const [byPhone] =
      stashed !== undefined
        ? [stashed]
        : await preparedQuery(ctx.db, "contact_by_phone", (db, name) =>
            db
              .select()
              .from(contacts)
              .where(eq(contacts.phone, sql.placeholder("phone")))
              .prepare(name),
          ).execute({ phone });
    if (byPhone) return byPhone;
  }
  if (!email) return undefined;
  // A phone-bearing contact with this email is another person's number sharing an inbox; only a
  // phone-less contact (created from an email) is adopted by a phone.
  const [byEmail] = await ctx.db
    .select()
    .from(contacts)
    .where(
      and(
        sql`lower(${contacts.email}) = ${email}`,
        isNull(contacts.mergedIntoId),
        phone ? isNull(contacts.phone) : undefined,
      ),
    )
    .orderBy(contacts.id)
    .limit(1);
  return byEmail;
}

async function fillIn(ctx: Ctx, contact: Contact, input: FindOrCreateContactInput): Promise<Contact> {
  const patch: Partial<Contact> = {};
  if (input.phone && !contact.phone) patch.phone = input.phone;
  if (input.email && !contact.email) patch.email = input.email;
  if (input.name && (!contact.name || contact.name === contact.phone)) patch.name = input.name;
  if (Object.keys(patch).length === 0) return contact;
  const [updated] = await ctx.db.update(contacts).set(patch).where(eq(contacts.id, contact.id)).returning();
  return updated ?? contact;
}
