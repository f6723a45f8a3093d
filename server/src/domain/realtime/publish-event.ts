import type { RealtimeEventPayloads, RealtimeEventType } from "@contract/realtime-events";
import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { realtimeEvents } from "@server/db/schema/index";
import { onCommit } from "@server/db/transaction";
import { REALTIME_CHANNEL } from "@server/realtime/channels";
import { sql } from "drizzle-orm";
import { collectDeferredEvent } from "./publish-events";

/** One of the events named in contract/realtime-events.ts, with that event's payload. */
export type RealtimeEventInput<T extends RealtimeEventType = RealtimeEventType> = {
  [K in T]: {
    type: K;
    propertyId: number | null;
    threadId?: number | null;
    /** For one staff member only (a mention, their draft): the others' streams never carry it. */
    recipientStaffId?: number;
    payload: RealtimeEventPayloads[K];
  };
}[T];

/**
 * Records a realtime event in the caller's transaction and hands it to the event bus once that
 * transaction commits, so listeners never see an event whose change was rolled back.
 */
export async function publishEvent(ctx: Ctx, input: RealtimeEventInput): Promise<void> {
  if (collectDeferredEvent(ctx, input)) return;
  const payload = input.payload;
  const createdAt = ctx.now();
  const insert = ctx.db
    .insert(realtimeEvents)
    .values({
      type: input.type,
      propertyId: input.propertyId,
      threadId: input.threadId ?? null,
      recipientStaffId: input.recipientStaffId ?? null,
      payload,
      createdAt,
    })
    .returning({ id: realtimeEvents.id });
  // One statement stores the event and tells other instances on the same PostgreSQL (NOTIFY is
  // delivered when this transaction commits): webhook processing publishes two or three events per
  // callback, and every round trip counts there.
  const [row] = await queryRows<{ id: number | string }>(
    ctx.db,
    sql`with stored as (${insert.getSQL()})
        select id, pg_notify(${REALTIME_CHANNEL}, ${`${ctx.bus.instanceId}:`} || id) from stored`,
  );
  if (!row) return;
  const id = Number(row.id);
  onCommit(ctx, () =>
    ctx.bus.publish({
      id,
      type: input.type,
      propertyId: input.propertyId,
      threadId: input.threadId ?? null,
      recipientStaffId: input.recipientStaffId ?? null,
      payload,
      createdAt: createdAt.toISOString(),
    }),
  );
}
