import type { Ctx } from "@server/context";
import { decodeCursor, encodeCursor } from "@server/db/cursor";
import { bookings, contacts } from "@server/db/schema/index";
import { propertyCondition } from "@server/domain/access/property-scope";
import { likePattern, phoneSearchPattern } from "@server/domain/threads/list-threads";
import { validationFailed } from "@server/errors";
import { and, desc, ilike, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { contactVisibleCondition } from "./contact-visibility";
import type { Contact } from "./find-or-create-contact";

/**
 * Contacts the actor may see (merged-away ones excluded), newest first, searched by name or email
 * (substring, any case), phone in any format, or the reference of one of their bookings the actor may
 * see; keyset-paginated.
 */
export async function listContacts(
  ctx: Ctx,
  query: { search?: string; cursor?: string; limit: number },
): Promise<{ contacts: Contact[]; nextCursor: string | null }> {
  let after: SQL | undefined;
  if (query.cursor) {
    const parts = decodeCursor(query.cursor, ["number"]);
    if (!parts) throw validationFailed("cursor", "not a cursor from this list");
    after = lt(contacts.id, parts[0]);
  }
  const rows = await ctx.db
    .select()
    .from(contacts)
    .where(
      and(
        isNull(contacts.mergedIntoId),
        contactVisibleCondition(ctx),
        searchCondition(ctx, query.search),
        after,
      ),
    )
    .orderBy(desc(contacts.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { contacts: page, nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null };
}

function searchCondition(ctx: Ctx, search: string | undefined): SQL | undefined {
  if (!search) return undefined;
  const pattern = likePattern(search);
  const phonePattern = phoneSearchPattern(search);
  const bookingScope = propertyCondition(ctx, bookings.propertyId);
  return or(
    ilike(contacts.name, pattern),
    ilike(contacts.email, pattern),
    phonePattern ? sql`${contacts.phone} like ${phonePattern}` : undefined,
    sql`exists (select 1 from ${bookings} where ${bookings.contactId} = ${contacts.id} and ${bookings.reference} ilike ${pattern}${bookingScope ? sql` and ${bookingScope}` : sql``})`,
  );
}
