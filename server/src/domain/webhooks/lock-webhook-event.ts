import type { Ctx } from "@server/context";
import { webhookEvents } from "@server/db/schema/index";
import { notFound } from "@server/errors";
import { eq } from "drizzle-orm";

export type WebhookEvent = typeof webhookEvents.$inferSelect;

/** A stored callback by id, locked until the transaction ends (read and locked in one statement); 404 when absent. */
export async function lockWebhookEvent(ctx: Ctx, id: number): Promise<WebhookEvent> {
  const [row] = await ctx.db.select().from(webhookEvents).where(eq(webhookEvents.id, id)).for("update");
  if (!row) throw notFound("webhook event", id);
  return row;
}
