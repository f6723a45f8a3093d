import type { MessageDto } from "@contract/messages";
import type { TypedRealtimeEvent } from "@contract/realtime-events";
import type { ThreadDetailResponse, ThreadListResponse } from "@contract/threads";
import type { TimelineResponse } from "@contract/timeline";
import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import { threadKeys } from "@web/api/threads";

/**
 * Applies one realtime event to the query cache: what the event carries is written in place (a message's
 * status and times, a thread's status, unread count and activity); only what it cannot carry is
 * refetched. Answers whether the inbox lists need refreshing as well.
 */
export function applyEvent(client: QueryClient, event: TypedRealtimeEvent): { lists: boolean } {
  const threadId = event.threadId;
  const refetch = (key: readonly unknown[]) => void client.invalidateQueries({ queryKey: key });
  switch (event.type) {
    case "message.received":
    case "message.created":
    case "message.updated":
    case "message.status_changed": {
      const message = event.payload;
      refetch(["message", message.id]);
      const failed = message.status === "FAILED";
      // A message delivered after a failed one supersedes it: the thread's failure marker goes.
      const superseding = !failed && threadId !== null && showsFailure(client, threadId);
      if (threadId !== null) {
        if (failed || !patchTimelineMessage(client, threadId, message))
          refetch(threadKeys.timeline(threadId));
        // A guest's message opens the WhatsApp window; a failure shows on the thread.
        if (event.type === "message.received" || failed || superseding) refetch(threadKeys.detail(threadId));
      }
      return {
        lists: event.type === "message.received" || event.type === "message.created" || failed || superseding,
      };
    }
    case "thread.updated": {
      if (threadId !== null && !patchThreadDetail(client, event.payload)) {
        refetch(threadKeys.detail(threadId));
        // A status change or a new assignee is an event line in the timeline too.
        refetch(threadKeys.timeline(threadId));
      }
      return { lists: true };
    }
    case "thread.note_added":
      if (threadId !== null) refetch(threadKeys.timeline(threadId));
      return { lists: false };
    case "note.mentioned":
      if (threadId !== null) refetch(threadKeys.detail(threadId));
      return { lists: true };
    case "draft.changed":
      return { lists: false };
    case "contact.updated":
    case "contact.merged":
    case "booking.updated":
      // Consent and bookings show in every open thread's side panel and composer.
      refetch(["thread"]);
      if (threadId !== null) refetch(threadKeys.timeline(threadId));
      return { lists: true };
    case "thread.labels_changed":
      // A label made in another browser reaches this one's filters with its first use.
      refetch(["labels"]);
      break;
  }
  if (threadId !== null) {
    refetch(threadKeys.detail(threadId));
    refetch(threadKeys.timeline(threadId));
  }
  return { lists: true };
}

const PATCHED_FIELDS = [
  "status",
  "sentAt",
  "deliveredAt",
  "readAt",
  "failedAt",
  "errorMessage",
  "errorCode",
  "providerErrorCode",
  "providerErrorText",
  "failure",
] as const;

/** Writes a message's new status and times into the open timeline; false when it is not there. */
function patchTimelineMessage(client: QueryClient, threadId: number, message: MessageDto): boolean {
  // Media (stored, removed) is presented by the server with URLs the event does not carry.
  if (message.media) return false;
  let found = false;
  client.setQueryData<InfiniteData<TimelineResponse>>(threadKeys.timeline(threadId), (data) => {
    if (!data) return data;
    return {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        items: page.items.map((item) => {
          if (item.kind !== "message" || item.id !== message.id) return item;
          found = true;
          const patch = Object.fromEntries(PATCHED_FIELDS.map((field) => [field, message[field]]));
          return { ...item, ...patch };
        }),
      })),
    };
  });
  return found;
}

/**
 * Writes a thread's unread count and latest activity into its open detail; false (refetch) when its
 * status or assignee changed, which the detail shows with more than the event carries.
 */
function patchThreadDetail(
  client: QueryClient,
  update: TypedRealtimeEvent<"thread.updated">["payload"],
): boolean {
  const detail = client.getQueryData<ThreadDetailResponse>(threadKeys.detail(update.threadId));
  if (!detail) return true;
  const { thread } = detail;
  if (thread.status !== update.status || (thread.assignee?.id ?? null) !== update.assigneeId) return false;
  client.setQueryData<ThreadDetailResponse>(threadKeys.detail(update.threadId), {
    ...detail,
    thread: { ...thread, unreadCount: update.unreadCount, lastMessageAt: update.lastMessageAt },
  });
  return true;
}

/** Whether the thread's inbox row (in any cached list) or its detail shows a failed message. */
function showsFailure(client: QueryClient, threadId: number): boolean {
  if (client.getQueryData<ThreadDetailResponse>(threadKeys.detail(threadId))?.thread.hasFailedOutbound)
    return true;
  return client
    .getQueriesData<InfiniteData<ThreadListResponse>>({ queryKey: threadKeys.lists })
    .some(([, data]) =>
      data?.pages?.some((page) => page.threads?.some((row) => row.id === threadId && row.hasFailedOutbound)),
    );
}
