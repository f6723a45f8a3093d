import type { Ctx } from "@server/context";
import { threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { syncThreadSla } from "@server/domain/sla/sync-thread-sla";
import { and, eq, lte } from "drizzle-orm";
import { publishThreadUpdated } from "./publish-thread-updated";
import { recordThreadEvent } from "./record-thread-event";

/**
 * Brings a snoozed thread back to OPEN once its snooze time has passed (run by the job queued when it
 * was snoozed). A no-op when the thread was woken, re-snoozed for later or closed in the meantime.
 */
export async function wakeSnoozedThread(ctx: Ctx, input: { threadId: number }): Promise<boolean> {
  return withTransaction(ctx, async (tx) => {
    const [woken] = await tx.db
      .update(threads)
      .set({ status: "OPEN", snoozedUntil: null, updatedAt: tx.now() })
      .where(
        and(
          eq(threads.id, input.threadId),
          eq(threads.status, "SNOOZED"),
          lte(threads.snoozedUntil, tx.now()),
        ),
      )
      .returning();
    if (!woken) return false;
    await recordThreadEvent(tx, { threadId: woken.id, type: "snooze_ended" });
    await publishThreadUpdated(tx, await syncThreadSla(tx, woken, { type: "status" }));
    return true;
  });
}
