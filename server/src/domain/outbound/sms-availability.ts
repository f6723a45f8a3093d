import type { Config } from "@server/config";
import type { Ctx } from "@server/context";
import { contacts } from "@server/db/schema/index";
import { eq } from "drizzle-orm";

/** Whether this deployment can send SMS at all: the simulator, or an Enterprise SMS account configured. */
function smsConfigured(config: Config): boolean {
  if (config.providerMode === "simulator") return true;
  return Boolean(config.gupshup.sms.userId && config.gupshup.sms.password);
}

/** Whether an SMS may go to this contact: SMS is configured and the guest has not opted out of it. */
export async function smsAvailableForContact(ctx: Ctx, contactId: number | null): Promise<boolean> {
  if (!smsConfigured(ctx.config) || contactId === null) return false;
  const [contact] = await ctx.db
    .select({ smsOptedOut: contacts.smsOptedOut })
    .from(contacts)
    .where(eq(contacts.id, contactId));
  return contact !== undefined && !contact.smsOptedOut;
}
