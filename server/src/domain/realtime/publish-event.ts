import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
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
  const json = JSON.stringify(input.payload ?? {});
  const createdAt = ctx.now();
  // One statement stores the event and tells other instances on the same PostgreSQL (NOTIFY is
  // delivered when this transaction commits): webhook processing publishes two or three events per
  // callback, and every round trip counts there.
  const [row] = await queryRows<{ id: number | string }>(
    ctx.db,
    sql`with stored as (
          insert into realtime_events (type, property_id, thread_id, payload, created_at)
          values (${input.type}, ${input.propertyId}, ${input.threadId ?? null}, ${json}::jsonb, ${createdAt.toISOString()}::timestamptz)
          returning id
        )
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
      // What a listener on another instance reads back from the stored row.
      payload: JSON.parse(json),
      createdAt: createdAt.toISOString(),
    }),
  );
}
