import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
import { webhookEvents } from "@server/db/schema/index";
import { notFound } from "@server/errors";
import { asc, eq, inArray, sql } from "drizzle-orm";

export type WebhookEvent = typeof webhookEvents.$inferSelect;

/** A stored callback by id, locked until the transaction ends (read and locked in one statement); 404 when absent. */
export async function lockWebhookEvent(ctx: Ctx, id: number): Promise<WebhookEvent> {
  const [row] = await preparedQuery(ctx.db, "webhook_event_by_id_for_update", (db, name) =>
    db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.id, sql.placeholder("id")))
      .for("update")
      .prepare(name),
  ).execute({ id });
  if (!row) throw notFound("webhook event", id);
  return row;
}

/** Stored callbacks by id, locked until the transaction ends, in one statement (id order); absent ids are left out. */
export async function lockWebhookEvents(ctx: Ctx, ids: number[]): Promise<Map<number, WebhookEvent>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select()
    .from(webhookEvents)
    .where(inArray(webhookEvents.id, ids))
    .orderBy(asc(webhookEvents.id))
    .for("update");
  return new Map(rows.map((row) => [row.id, row]));
}
