import type { Ctx } from "@server/context";
import { webhookEvents } from "@server/db/schema/index";
import { eq } from "drizzle-orm";

export type WebhookEvent = typeof webhookEvents.$inferSelect;

/** A stored callback by id, or undefined. */
export async function findWebhookEvent(ctx: Ctx, id: number): Promise<WebhookEvent | undefined> {
  const [row] = await ctx.db.select().from(webhookEvents).where(eq(webhookEvents.id, id));
  return row;
}
