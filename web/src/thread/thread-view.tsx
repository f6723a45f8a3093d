import type { StaffProfile } from "@contract/auth";
import { useThreadAction, useThreadDetail, useTimeline } from "@web/api/threads";
import { formatPhone } from "@web/app/phone";
import { Composer } from "@web/composer/composer";
import { useEffect, useRef } from "react";
import { ThreadHeader } from "./thread-header";
import { ThreadSidePanel } from "./thread-side-panel";
import { ThreadTimeZone } from "./thread-time-zone";
import { Timeline } from "./timeline";

type Props = { threadId: number; user: StaffProfile; onSelectThread: (id: number) => void };

/** One conversation: header with actions, the unified timeline, the composer, and the guest's context. */
export function ThreadView({ threadId, user, onSelectThread }: Props) {
  const detail = useThreadDetail(threadId);
  const timeline = useTimeline(threadId);
  const markRead = useThreadAction<undefined>(threadId, "read");
  const unread = detail.data?.thread.unreadCount ?? 0;

  // Opening a thread is reading it; new guest messages while it is open are read too (once each).
  const lastMessageAt = detail.data?.thread.lastMessageAt;
  const markedAt = useRef<string | undefined>(undefined);
  const { mutate: markThreadRead } = markRead;
  useEffect(() => {
    if (unread > 0 && lastMessageAt && markedAt.current !== lastMessageAt) {
      markedAt.current = lastMessageAt;
      markThreadRead(undefined);
    }
  }, [unread, lastMessageAt, markThreadRead]);

  if (detail.isPending) return <section className="thread-empty">Loading the conversation…</section>;
  if (detail.isError)
    return (
      <section className="thread-empty" role="alert">
        This conversation could not be opened: {detail.error.message}
      </section>
    );

  const data = detail.data;
  return (
    <>
      <section
        className="thread"
        aria-label={`Conversation with ${data.contact.name ?? formatPhone(data.contact.phone)}`}
      >
        <ThreadHeader detail={data} user={user} />
        <ThreadTimeZone.Provider value={data.thread.timeZone}>
          <Timeline
            key={threadId}
            threadId={threadId}
            items={timeline.items}
            loading={timeline.isPending}
            hasOlder={timeline.hasNextPage}
            loadOlder={() => void timeline.fetchNextPage()}
          />
        </ThreadTimeZone.Provider>
        <Composer detail={data} />
      </section>
      <ThreadSidePanel detail={data} onSelectThread={onSelectThread} />
    </>
  );
}
