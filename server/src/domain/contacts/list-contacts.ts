import type { Ctx } from "@server/context";
import { decodeCursor, encodeCursor } from "@server/db/cursor";
import { contacts } from "@server/db/schema/index";
import { likePattern } from "@server/domain/threads/list-threads";
import { validationFailed } from "@server/errors";
import { and, desc, ilike, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { contactVisibleCondition } from "./contact-visibility";
import type { Contact } from "./find-or-create-contact";

/**
 * Contacts the actor may see (merged-away ones excluded), newest first, searched by name or email
 * (substring, any case) or phone digits; keyset-paginated.
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
      and(isNull(contacts.mergedIntoId), contactVisibleCondition(ctx), searchCondition(query.search), after),
    )
    .orderBy(desc(contacts.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { contacts: page, nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null };
}

function searchCondition(search: string | undefined): SQL | undefined {
  if (!search) return undefined;
  const pattern = likePattern(search);
  const digits = search.replace(/\D/g, "");
  return or(
    ilike(contacts.name, pattern),
    ilike(contacts.email, pattern),
    digits.length >= 3 ? sql`${contacts.phone} like ${likePattern(digits)}` : undefined,
  );
}
