import type { Ctx } from "@server/context";
import { publishEvent } from "@server/domain/realtime/publish-event";
import type { Thread } from "./get-thread";

/** Tells listeners a thread's list row changed (status, assignee, unread, activity). */
export async function publishThreadUpdated(ctx: Ctx, thread: Thread): Promise<void> {
  await publishEvent(ctx, {
    type: "thread.updated",
    propertyId: thread.propertyId,
    threadId: thread.id,
    payload: {
      threadId: thread.id,
      status: thread.status,
      assigneeId: thread.assigneeId,
      unreadCount: thread.unreadCount,
      lastMessageAt: thread.lastMessageAt.toISOString(),
      lastPreview: thread.lastPreview,
    },
  });
}
