import type { Ctx } from "@server/context";
import { webhookEvents } from "@server/db/schema/index";
import { and, eq, notInArray, sql } from "drizzle-orm";

/**
 * Notes a failed processing attempt on a stored callback; with `park` the event is given up on: FAILED
 * with its error, listed by GET /api/webhook-events?status=failed until someone replays it.
 * An event that meanwhile got processed (a replay won the race) is left alone.
 */
export async function recordWebhookFailure(
  ctx: Ctx,
  input: { webhookEventId: number; error: string; park: boolean },
): Promise<void> {
  await ctx.db
    .update(webhookEvents)
    .set({
      lastError: input.error.slice(0, 2000),
      ...(input.park ? { status: "FAILED" } : { attempts: sql`${webhookEvents.attempts} + 1` }),
      updatedAt: ctx.now(),
    })
    .where(
      and(
        eq(webhookEvents.id, input.webhookEventId),
        notInArray(webhookEvents.status, ["PROCESSED", "IGNORED"]),
      ),
    );
}
