import type { Ctx } from "@server/context";
import { realtimeEvents } from "@server/db/schema/index";
import { onCommit } from "@server/db/transaction";
import { REALTIME_CHANNEL } from "@server/realtime/channels";
import { sql } from "drizzle-orm";

export type RealtimeEventInput = {
  /** `<entity>.<past-tense verb>`, e.g. message.received, message.status_changed, thread.assigned. */
  type: string;
  propertyId: number | null;
  threadId?: number | null;
  payload: unknown;
};

/**
 * Records a realtime event in the caller's transaction and hands it to the event bus once that
 * transaction commits, so listeners never see an event whose change was rolled back.
 */
export async function publishEvent(ctx: Ctx, input: RealtimeEventInput): Promise<void> {
  const [row] = await ctx.db
    .insert(realtimeEvents)
    .values({
      type: input.type,
      propertyId: input.propertyId,
      threadId: input.threadId ?? null,
      payload: input.payload ?? {},
      createdAt: ctx.now(),
    })
    .returning();
  if (!row) return;
  // Other instances on the same PostgreSQL learn of the event when this transaction commits.
  await ctx.db.execute(sql`select pg_notify(${REALTIME_CHANNEL}, ${`${ctx.bus.instanceId}:${row.id}`})`);
  onCommit(ctx, () =>
    ctx.bus.publish({
      id: row.id,
      type: row.type,
      propertyId: row.propertyId,
      threadId: row.threadId,
      payload: row.payload,
      createdAt: row.createdAt.toISOString(),
    }),
  );
}
