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
export async function publishEvents(ctx: Ctx, inputs: RealtimeEventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const createdAt = ctx.now();
  const insert = ctx.db
    .insert(realtimeEvents)
    .values(
      inputs.map((input) => ({
        type: input.type,
        propertyId: input.propertyId,
        threadId: input.threadId ?? null,
        payload: input.payload,
        createdAt,
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
        payload: input.payload,
        createdAt: createdAt.toISOString(),
      });
    }
  });
}
