import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
import { propertyAutoReplies } from "@server/db/schema/index";
import { readOncePerTransaction } from "@server/db/transaction-memo";
import { enqueueJob } from "@server/queue/enqueue-job";
import { and, eq, or, sql } from "drizzle-orm";

export const SEND_AUTO_REPLIES_QUEUE = "send-auto-replies";

/**
 * Called in the transaction that recorded a guest's message: queues the automatic-reply check, only for
 * a property that has one switched on (one primary-key read instead of a job per inbound message).
 */
export async function enqueueAutoReplies(
  ctx: Ctx,
  input: { messageId: number; propertyId: number | null },
): Promise<void> {
  if (input.propertyId === null) return;
  const [enabled] = await readOncePerTransaction(ctx, `auto-replies-enabled:${input.propertyId}`, () =>
    preparedQuery(ctx.db, "auto_replies_enabled", (db, name) =>
      db
        .select({ propertyId: propertyAutoReplies.propertyId })
        .from(propertyAutoReplies)
        .where(
          and(
            eq(propertyAutoReplies.propertyId, sql.placeholder("propertyId")),
            or(
              eq(propertyAutoReplies.outOfHoursEnabled, true),
              eq(propertyAutoReplies.greetingEnabled, true),
            ),
          ),
        )
        .prepare(name),
    ).execute({ propertyId: input.propertyId }),
  );
  if (enabled)
    await enqueueJob(ctx, SEND_AUTO_REPLIES_QUEUE, { messageId: input.messageId }, { maxAttempts: 5 });
}
