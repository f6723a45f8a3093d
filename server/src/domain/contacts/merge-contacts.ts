import type { Ctx } from "@server/context";
import { lockAdvisory } from "@server/db/advisory-lock";
import { queryRows } from "@server/db/query-rows";
import { bookings, callLogs, contacts, emailMessages, messageLogs, threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { allowedPropertyIds, requireRole } from "@server/domain/access/property-scope";
import { recordAudit } from "@server/domain/audit/record-audit";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { mergeThreadInto } from "@server/domain/threads/merge-thread-into";
import { AppError, conflict, validationFailed } from "@server/errors";
import { and, eq, ne, sql } from "drizzle-orm";
import { mergedMetadata } from "./contact-profile";
import type { Contact } from "./find-or-create-contact";
import { getContact } from "./get-contact";

/**
 * Merges a duplicate contact into another: its threads, messages, calls, emails and bookings move to
 * `intoContactId`; where both have an open thread in the same property the two threads are combined
 * (one open thread per guest and property). Missing name, email, phone and language are taken over, both notes kept, opt-outs are
 * kept if either had one, and the duplicate is marked merged (lookups by its phone follow it). Managers
 * and admins only; a manager cannot merge a contact that has conversations in other properties.
 */
export async function mergeContacts(
  ctx: Ctx,
  input: { contactId: number; intoContactId: number },
): Promise<Contact> {
  requireRole(ctx, "ADMIN", "MANAGER");
  if (input.contactId === input.intoContactId)
    throw validationFailed("intoContactId", "cannot merge a contact into itself");
  return withTransaction(ctx, async (tx) => {
    for (const id of [input.contactId, input.intoContactId].sort((a, b) => a - b))
      await lockAdvisory(tx, "contact", id);
    const source = await getContact(tx, input.contactId);
    const target = await getContact(tx, input.intoContactId);
    if (source.mergedIntoId !== null || target.mergedIntoId !== null)
      throw conflict("contact was already merged");
    await assertWithinScope(tx, source.id);

    const combined: number[] = [];
    for (const thread of await tx.db.select().from(threads).where(eq(threads.contactId, source.id))) {
      const [open] =
        thread.status === "RESOLVED"
          ? []
          : await tx.db
              .select()
              .from(threads)
              .where(
                and(
                  eq(threads.contactId, target.id),
                  ne(threads.status, "RESOLVED"),
                  sql`coalesce(${threads.propertyId}, 0) = ${thread.propertyId ?? 0}`,
                ),
              );
      if (open) {
        await mergeThreadInto(tx, thread, open);
        combined.push(thread.id);
      } else await tx.db.update(threads).set({ contactId: target.id }).where(eq(threads.id, thread.id));
    }
    for (const table of [messageLogs, callLogs, emailMessages, bookings])
      await tx.db.update(table).set({ contactId: target.id }).where(eq(table.contactId, source.id));

    const takePhone = target.phone === null && source.phone !== null;
    await tx.db
      .update(contacts)
      .set({ mergedIntoId: target.id, ...(takePhone ? { phone: null } : {}) })
      .where(eq(contacts.id, source.id));
    const [merged] = await tx.db
      .update(contacts)
      .set({
        phone: target.phone ?? source.phone,
        name: target.name ?? source.name,
        email: target.email ?? source.email,
        whatsappOptedOut: target.whatsappOptedOut || source.whatsappOptedOut,
        whatsappOptedOutAt: target.whatsappOptedOutAt ?? source.whatsappOptedOutAt,
        smsOptedOut: target.smsOptedOut || source.smsOptedOut,
        smsOptedOutAt: target.smsOptedOutAt ?? source.smsOptedOutAt,
        ...latestMarketingPreference(target, source),
        metadata: mergedMetadata(target.metadata, source.metadata),
      })
      .where(eq(contacts.id, target.id))
      .returning();
    if (!merged) throw new Error("contact vanished while merging");
    const details = { from: source.id, into: target.id, combinedThreads: combined };
    await recordAudit(tx, { action: "contact.merged", targetType: "contact", targetId: target.id, details });
    await publishEvent(tx, { type: "contact.merged", propertyId: null, payload: details });
    return merged;
  });
}

async function assertWithinScope(ctx: Ctx, contactId: number): Promise<void> {
  const allowed = allowedPropertyIds(ctx.actor);
  if (allowed === "all") return;
  const list = allowed.length
    ? sql.join(
        allowed.map((id) => sql`${id}`),
        sql`, `,
      )
    : sql`null`;
  const [outside] = await queryRows(
    ctx.db,
    sql`select 1 from ${threads} where ${threads.contactId} = ${contactId}
      and (${threads.propertyId} is null or ${threads.propertyId} not in (${list}))
    union all select 1 from ${bookings} where ${bookings.contactId} = ${contactId} and ${bookings.propertyId} not in (${list})
    limit 1`,
  );
  if (outside)
    throw new AppError("FORBIDDEN", "this contact has conversations in other properties; ask an admin");
}

/** The merged contact keeps the marketing preference the guest expressed last. */
function latestMarketingPreference(target: Contact, source: Contact) {
  const later =
    (source.marketingPreferenceAt?.getTime() ?? -1) > (target.marketingPreferenceAt?.getTime() ?? -1)
      ? source
      : target;
  return { marketingOptedOut: later.marketingOptedOut, marketingPreferenceAt: later.marketingPreferenceAt };
}
