import { realtimeEvents } from "@server/db/schema/index";
import type { Deps } from "@server/deps";
import { parseAccessChange } from "@server/domain/realtime/publish-access-change";
import { coalescePerKey } from "@server/queue/coalesce-per-key";
import { eq, sql } from "drizzle-orm";
import { ACCESS_CHANNEL, JOBS_CHANNEL, REALTIME_CHANNEL } from "./channels";

/** At most one cross-instance job wake-up NOTIFY per queue per this many ms from one process. */
const JOB_WAKEUP_INTERVAL_MS = 5;

/**
 * With several instances on one PostgreSQL, relays other instances' committed realtime events, job
 * wake-ups and access changes (sent with NOTIFY) to this instance's bus, and this instance's job
 * wake-ups to the others. A no-op on PGlite, where there is one process.
 *
 * Job wake-ups go out after the enqueuing transaction committed (enqueueJob wakes the local bus in
 * onCommit), as their own statement, coalesced per queue: a NOTIFY inside every enqueuing transaction
 * took the notification-queue lock at each commit and serialised them (docs/adr/0006).
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
  let relaying = false;
  const stopJobs = await listen(JOBS_CHANNEL, (payload) => {
    if (payload.startsWith(own)) return;
    // The bus emits synchronously: the flag keeps the wake-up below from echoing it back out.
    relaying = true;
    try {
      deps.bus.notifyJobQueued(payload.slice(payload.indexOf(":") + 1));
    } finally {
      relaying = false;
    }
  });
  const db = deps.database.db;
  const wakeOthers = coalescePerKey(JOB_WAKEUP_INTERVAL_MS, (queue) => {
    db.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${`${own}${queue}`})`).catch((err: unknown) =>
      // The others still find the job at their next poll.
      deps.log.warn({ err, queue }, "could not wake other instances for a queued job"),
    );
  });
  const stopWakeOthers = deps.bus.onJobQueued((queue) => {
    if (!relaying) wakeOthers.call(queue);
  });
  const stopAccess = await listen(ACCESS_CHANNEL, (payload) => {
    if (payload.startsWith(own)) return;
    const change = parseAccessChange(payload.slice(payload.indexOf(":") + 1));
    if (change) deps.bus.notifyAccessChanged(change);
  });
  return async () => {
    stopWakeOthers();
    wakeOthers.stop();
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
      recipientStaffId: row.recipientStaffId,
      payload: row.payload,
      createdAt: row.createdAt.toISOString(),
    });
  } catch (err) {
    deps.log.warn({ err, eventId: id }, "could not relay a realtime event from another instance");
  }
}
