import type { Ctx } from "@server/context";
import { queryRows } from "@server/db/query-rows";
import { realtimeEvents } from "@server/db/schema/index";
import { onCommit } from "@server/db/transaction";
import { REALTIME_CHANNEL } from "@server/realtime/channels";
import { sql } from "drizzle-orm";
import type { RealtimeEventInput } from "./publish-event";

/**
 * publishEvent for many events in one statement (batched webhook processing): the rows are stored and
 * other instances told (one NOTIFY per row, delivered at commit) in a single round trip, and the local
 * bus gets them, in order, once the caller's transaction commits.
 */
export async function publishEvents(
  ctx: Ctx,
  inputs: Array<RealtimeEventInput & { at?: Date }>,
): Promise<void> {
  if (inputs.length === 0) return;
  const now = ctx.now();
  const insert = ctx.db
    .insert(realtimeEvents)
    .values(
      inputs.map((input) => ({
        type: input.type,
        propertyId: input.propertyId,
        threadId: input.threadId ?? null,
        recipientStaffId: input.recipientStaffId ?? null,
        payload: input.payload,
        createdAt: input.at ?? now,
      })),
    )
    .returning({ id: realtimeEvents.id });
  const rows = await queryRows<{ id: number | string }>(
    ctx.db,
    sql`with stored as (${insert.getSQL()})
        select id, pg_notify(${REALTIME_CHANNEL}, ${`${ctx.bus.instanceId}:`} || id) from stored order by id`,
  );
  // Identity ids are handed out in the order of the VALUES list.
  const ids = rows.map((row) => Number(row.id));
  onCommit(ctx, () => {
    for (const [i, input] of inputs.entries()) {
      const id = ids[i];
      if (id === undefined) continue;
      ctx.bus.publish({
        id,
        type: input.type,
        propertyId: input.propertyId,
        threadId: input.threadId ?? null,
        recipientStaffId: input.recipientStaffId ?? null,
        payload: input.payload,
        createdAt: (input.at ?? now).toISOString(),
      });
    }
  });
}

// Events published inside a transaction that deferred them, keyed by that transaction's afterCommit list
// (shared by every ctx derived from the transaction's).
const deferred = new WeakMap<object, Array<RealtimeEventInput & { at: Date }>>();

/**
 * From now until flushRealtimeEvents, publishEvent in this transaction collects its events instead of
 * storing each with its own statement (batched webhook processing: two or three events per callback).
 */
export function deferRealtimeEvents(tx: Ctx): void {
  if (tx.afterCommit) deferred.set(tx.afterCommit, []);
}

/** Called by publishEvent: true when the event was collected for a later flush. */
export function collectDeferredEvent(ctx: Ctx, input: RealtimeEventInput): boolean {
  const list = ctx.afterCommit ? deferred.get(ctx.afterCommit) : undefined;
  if (!list) return false;
  list.push({ ...input, at: ctx.now() });
  return true;
}

/** Stores the collected events in one statement; call it last in the transaction. */
export async function flushRealtimeEvents(tx: Ctx): Promise<void> {
  const list = tx.afterCommit ? deferred.get(tx.afterCommit) : undefined;
  if (!list) return;
  if (tx.afterCommit) deferred.delete(tx.afterCommit);
  await publishEvents(tx, list);
}
