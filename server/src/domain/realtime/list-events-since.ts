import type { Ctx } from "@server/context";
import { realtimeEvents } from "@server/db/schema/index";
import { allowedPropertyIds } from "@server/domain/access/property-scope";
import type { BusEvent } from "@server/realtime/event-bus";
import { and, asc, eq, gt, inArray, isNull, max, or, type SQL } from "drizzle-orm";

/**
 * Whether the actor may receive a realtime event: events without a property go to admins only, and an
 * event for one staff member to that person only.
 */
export function canSeeEvent(
  ctx: Ctx,
  event: { propertyId: number | null; recipientStaffId?: number | null },
): boolean {
  if (event.recipientStaffId != null && !isRecipient(ctx, event.recipientStaffId)) return false;
  const allowed = allowedPropertyIds(ctx.actor);
  if (allowed === "all") return true;
  return event.propertyId !== null && allowed.includes(event.propertyId);
}

function isRecipient(ctx: Ctx, staffUserId: number): boolean {
  return ctx.actor.type === "staff" && ctx.actor.staffUserId === staffUserId;
}

/** Events after `afterId` the actor may see, oldest first, at most `limit`. */
export async function listEventsSince(ctx: Ctx, afterId: number, limit: number): Promise<BusEvent[]> {
  const allowed = allowedPropertyIds(ctx.actor);
  const scope =
    allowed === "all" ? undefined : inArray(realtimeEvents.propertyId, allowed.length ? allowed : [-1]);
  const rows = await ctx.db
    .select()
    .from(realtimeEvents)
    .where(and(gt(realtimeEvents.id, afterId), scope, recipientScope(ctx)))
    .orderBy(asc(realtimeEvents.id))
    .limit(limit);
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

function recipientScope(ctx: Ctx): SQL {
  const everyone = isNull(realtimeEvents.recipientStaffId);
  if (ctx.actor.type !== "staff") return everyone;
  return or(everyone, eq(realtimeEvents.recipientStaffId, ctx.actor.staffUserId)) ?? everyone;
}

export async function latestEventId(ctx: Ctx): Promise<number> {
  const [row] = await ctx.db.select({ id: max(realtimeEvents.id) }).from(realtimeEvents);
  return row?.id ?? 0;
}
