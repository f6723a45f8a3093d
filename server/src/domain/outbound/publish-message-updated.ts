import type { Ctx } from "@server/context";
import { threads } from "@server/db/schema/index";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { presentMessage } from "@server/presenters/message";
import { eq } from "drizzle-orm";
import type { MessageRow } from "./send-message";

/** Tells the inbox an outbound message moved in the send pipeline (accepted, retrying, failed, unknown). */
export async function publishMessageUpdated(ctx: Ctx, row: MessageRow): Promise<void> {
  const [thread] = row.threadId
    ? await ctx.db
        .select({ propertyId: threads.propertyId })
        .from(threads)
        .where(eq(threads.id, row.threadId))
    : [];
  await publishEvent(ctx, {
    type: "message.updated",
    propertyId: thread?.propertyId ?? null,
    threadId: row.threadId,
    payload: presentMessage(row),
  });
}
