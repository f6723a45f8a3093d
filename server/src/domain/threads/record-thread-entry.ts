import type { Ctx } from "@server/context";
import { publishEvent } from "@server/domain/realtime/publish-event";
import type { Thread } from "./get-thread";
import { type RecordThreadActivityInput, recordThreadActivity } from "./record-thread-activity";

type EntryEvent =
  | { type: "call.recorded"; payload: { threadId: number; callId: number } }
  | { type: "email.recorded"; payload: { threadId: number; emailId: number } };

/**
 * A call or an email just stored on its thread: the thread's activity (order, preview, unread, reopen)
 * and the live event the inbox listens for, in the caller's transaction.
 */
export async function recordThreadEntry(
  ctx: Ctx,
  thread: Thread,
  entry: Pick<RecordThreadActivityInput, "direction" | "channel" | "at" | "preview"> & { event: EntryEvent },
): Promise<void> {
  const { event, ...activity } = entry;
  await recordThreadActivity(ctx, { ...activity, threadId: thread.id, contactId: thread.contactId });
  await publishEvent(ctx, { ...event, propertyId: thread.propertyId, threadId: thread.id });
}
