import type { Ctx } from "@server/context";
import { contacts } from "@server/db/schema/index";
import { notFound } from "@server/errors";
import { and, eq } from "drizzle-orm";
import { contactVisibleCondition } from "./contact-visibility";
import type { Contact } from "./find-or-create-contact";

/** The contact, if the actor may see it (a thread or booking in their properties); NOT_FOUND otherwise. */
export async function getContact(
  ctx: Ctx,
  contactId: number,
  options: { forUpdate?: boolean } = {},
): Promise<Contact> {
  const query = ctx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, contactId), contactVisibleCondition(ctx)));
  const [contact] = options.forUpdate ? await query.for("update") : await query;
  if (!contact) throw notFound("contact", contactId);
  return contact;
}
