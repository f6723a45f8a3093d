import type { Ctx } from "@server/context";
import { threads } from "@server/db/schema/index";
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { autoAssignThread } from "./auto-assign-thread";

/**
 * Hands a property's queue (unassigned, unresolved threads), longest waiting first, to whoever is now
 * available, until nobody is or the queue is empty. Run when someone comes on shift, is added to a
 * property or gets a higher cap, and when a property's policy changes. Returns how many were assigned.
 */
export async function drainPropertyQueue(
  ctx: Ctx,
  input: { propertyId: number; limit?: number },
): Promise<number> {
  const queue = await ctx.db
    .select()
    .from(threads)
    .where(
      and(
        eq(threads.propertyId, input.propertyId),
        isNull(threads.assigneeId),
        ne(threads.status, "RESOLVED"),
      ),
    )
    .orderBy(asc(threads.lastMessageAt), asc(threads.id))
    .limit(input.limit ?? 200);
  let assigned = 0;
  for (const thread of queue) {
    const to = await autoAssignThread(ctx, { thread });
    if (to !== null) assigned++;
    // Under BOOKING_LINKED a thread without booking is skipped, not a sign that nobody is free.
    else if (thread.bookingId !== null) break;
  }
  return assigned;
}
