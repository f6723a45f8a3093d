import type { Ctx } from "@server/context";
import { realtimeEvents } from "@server/db/schema/index";
import { allowedPropertyIds } from "@server/domain/access/property-scope";
import type { BusEvent } from "@server/realtime/event-bus";
import { and, asc, gt, inArray, max } from "drizzle-orm";

/** Whether the actor may receive a realtime event: events without a property go to admins only. */
export function canSeeEvent(ctx: Ctx, event: { propertyId: number | null }): boolean {
  const allowed = allowedPropertyIds(ctx.actor);
  if (allowed === "all") return true;
  return event.propertyId !== null && allowed.includes(event.propertyId);
}

/** Events after `afterId` the actor may see, oldest first, at most `limit`. */
export async function listEventsSince(ctx: Ctx, afterId: number, limit: number): Promise<BusEvent[]> {
  const allowed = allowedPropertyIds(ctx.actor);
  const scope =
    allowed === "all" ? undefined : inArray(realtimeEvents.propertyId, allowed.length ? allowed : [-1]);
  const rows = await ctx.db
    .select()
    .from(realtimeEvents)
    .where(and(gt(realtimeEvents.id, afterId), scope))
    .orderBy(asc(realtimeEvents.id))
    .limit(limit);
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

export async function latestEventId(ctx: Ctx): Promise<number> {
  const [row] = await ctx.db.select({ id: max(realtimeEvents.id) }).from(realtimeEvents);
  return row?.id ?? 0;
}
