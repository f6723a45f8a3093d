import type { Ctx } from "@server/context";
import { contacts } from "@server/db/schema/index";
import { eq } from "drizzle-orm";

type Contact = typeof contacts.$inferSelect;

/** The contact that `contact` was (transitively) merged into, or itself. */
export async function followMerges(ctx: Ctx, contact: Contact): Promise<Contact> {
  let current = contact;
  for (let hops = 0; current.mergedIntoId !== null && hops < 10; hops++) {
    const [next] = await ctx.db.select().from(contacts).where(eq(contacts.id, current.mergedIntoId));
    if (!next) break;
    current = next;
  }
  return current;
}
