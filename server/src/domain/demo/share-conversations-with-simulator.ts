import { WHATSAPP_WINDOW_MS } from "@contract/whatsapp-window";
import type { Ctx } from "@server/context";
import { contacts, threads } from "@server/db/schema/index";
import { and, eq, gt, isNotNull, max } from "drizzle-orm";

/** What the simulator needs to hear about a conversation it did not see happen. */
export type ConversationListener = { knowConversation: (phone: string, at: Date) => void };

/**
 * Tells the in-process simulator when each guest last wrote on WhatsApp, for every conversation whose
 * 24-hour window is still open. The simulator starts empty with each process while the database (the
 * seeded demo, or yesterday's run) already has guests who wrote: without this it would refuse the reply
 * the composer offers with 131047. Returns how many guests it told.
 */
export async function shareConversationsWithSimulator(
  ctx: Ctx,
  simulator: ConversationListener,
): Promise<number> {
  const since = new Date(ctx.now().getTime() - WHATSAPP_WINDOW_MS);
  const rows = await ctx.db
    .select({ phone: contacts.phone, lastInboundAt: max(threads.lastWhatsappInboundAt) })
    .from(threads)
    .innerJoin(contacts, eq(contacts.id, threads.contactId))
    .where(and(isNotNull(contacts.phone), gt(threads.lastWhatsappInboundAt, since)))
    .groupBy(contacts.phone);
  let told = 0;
  for (const row of rows) {
    if (!row.phone || !row.lastInboundAt) continue;
    simulator.knowConversation(row.phone, row.lastInboundAt);
    told++;
  }
  return told;
}
