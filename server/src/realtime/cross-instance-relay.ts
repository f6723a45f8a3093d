import { realtimeEvents } from "@server/db/schema/index";
import type { Deps } from "@server/deps";
import { parseAccessChange } from "@server/domain/realtime/publish-access-change";
import { eq } from "drizzle-orm";
import { ACCESS_CHANNEL, JOBS_CHANNEL, REALTIME_CHANNEL } from "./channels";

/**
 * With several instances on one PostgreSQL, relays other instances' committed realtime events, job
 * wake-ups and access changes (sent with NOTIFY) to this instance's bus. A no-op on PGlite, where there is one process.
 */
export async function startCrossInstanceRelay(deps: Deps): Promise<() => Promise<void>> {
  const listen = deps.database.listen;
  if (!listen) return async () => {};
  const own = `${deps.bus.instanceId}:`;
  const stopEvents = await listen(REALTIME_CHANNEL, (payload) => {
    if (payload.startsWith(own)) return;
    const id = Number(payload.slice(payload.indexOf(":") + 1));
    if (Number.isSafeInteger(id)) void relayEvent(deps, id);
  });
  const stopJobs = await listen(JOBS_CHANNEL, (payload) => {
    if (!payload.startsWith(own)) deps.bus.notifyJobQueued(payload.slice(payload.indexOf(":") + 1));
  });
  const stopAccess = await listen(ACCESS_CHANNEL, (payload) => {
    if (payload.startsWith(own)) return;
    const change = parseAccessChange(payload.slice(payload.indexOf(":") + 1));
    if (change) deps.bus.notifyAccessChanged(change);
  });
  return async () => {
    await stopEvents();
    await stopJobs();
    await stopAccess();
  };
}

async function relayEvent(deps: Deps, id: number): Promise<void> {
  try {
    const [row] = await deps.database.db.select().from(realtimeEvents).where(eq(realtimeEvents.id, id));
    if (!row) return;
    deps.bus.publish({
      id: row.id,
      type: row.type,
      propertyId: row.propertyId,
      threadId: row.threadId,
      payload: row.payload,
      createdAt: row.createdAt.toISOString(),
    });
  } catch (err) {
    deps.log.warn({ err, eventId: id }, "could not relay a realtime event from another instance");
  }
}
