import type { StaffProfile } from "@contract/auth";
import type { Channel } from "@web/api/outbound";
import { useThreadAction, useThreadDetail, useTimeline } from "@web/api/threads";
import { ModalSheet } from "@web/app/modal-sheet";
import { formatPhone } from "@web/app/phone";
import { Composer } from "@web/composer/composer";
import { useEffect, useRef, useState } from "react";
import { ThreadHeader } from "./thread-header";
import { ThreadSidePanel } from "./thread-side-panel";
import { ThreadTimeZone } from "./thread-time-zone";
import { Timeline } from "./timeline";

const READ_AFTER_MS = 1000;

type Props = {
  threadId: number;
  user: StaffProfile;
  onSelectThread: (id: number) => void;
  onBack: () => void;
  /** The channel a conversation was just started on (New conversation): the composer starts there. */
  startChannel?: Channel;
};

/**
 * One conversation: header with actions, the unified timeline, the composer, and the guest's context
 * (a column on wide screens, a sheet opened from the header on narrower ones).
 */
export function ThreadView({ threadId, user, onSelectThread, onBack, startChannel }: Props) {
  const [detailsOpen, setDetailsOpen] = useState(false);
  const detail = useThreadDetail(threadId);
  const timeline = useTimeline(threadId);
  const markRead = useThreadAction<undefined>(threadId, "read");
  const unread = (detail.data?.thread.unreadCount ?? 0) + (detail.data?.thread.unreadMentions ?? 0);
  // "Send a template" on a failed message asks the composer to open its template flow (a new number each time).
  const [templateRequest, setTemplateRequest] = useState(0);

  // A thread shown for a moment is read (for this person only); moving on at once with j/k leaves it
  // unread. New guest messages while it is open are read too (once each).
  // A new mention of me (a note, not a guest message) is read the same way.
  const lastMessageAt =
    detail.data && `${detail.data.thread.lastMessageAt}:${detail.data.thread.unreadMentions ?? 0}`;
  const markedAt = useRef<string | undefined>(undefined);
  const { mutate: markThreadRead } = markRead;
  useEffect(() => {
    if (!(unread > 0 && lastMessageAt && markedAt.current !== lastMessageAt)) return;
    const timer = setTimeout(() => {
      markedAt.current = lastMessageAt;
      markThreadRead(undefined);
    }, READ_AFTER_MS);
    return () => clearTimeout(timer);
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
        aria-label={`Conversation with ${data.contact.name ?? (formatPhone(data.contact.phone) || `contact ${data.contact.id}`)}`}
      >
        <ThreadHeader
          detail={data}
          user={user}
          onBack={onBack}
          onShowDetails={() => setDetailsOpen(true)}
          onMarkedUnread={() => {
            // Staying on it would read it again: back to the inbox, as mail clients do.
            markedAt.current = lastMessageAt;
            onBack();
          }}
        />
        <ThreadTimeZone.Provider value={data.thread.timeZone}>
          <Timeline
            key={threadId}
            threadId={threadId}
            items={timeline.items}
            loading={timeline.isPending}
            hasOlder={timeline.hasNextPage}
            loadOlder={() => void timeline.fetchNextPage()}
            onSendTemplate={() => setTemplateRequest((n) => n + 1)}
          />
        </ThreadTimeZone.Provider>
        <Composer detail={data} templateRequest={templateRequest} initialChannel={startChannel} />
      </section>
      <ThreadSidePanel detail={data} onSelectThread={onSelectThread} />
      {detailsOpen && (
        <ModalSheet title="Guest details" variant="sheet" onClose={() => setDetailsOpen(false)}>
          <ThreadSidePanel
            detail={data}
            onSelectThread={(id) => {
              setDetailsOpen(false);
              onSelectThread(id);
            }}
          />
        </ModalSheet>
      )}
    </>
  );
}
