import type { StaffProfile } from "@contract/auth";
import { useThreadAction, useThreadDetail, useTimeline } from "@web/api/threads";
import { ModalSheet } from "@web/app/modal-sheet";
import { formatPhone } from "@web/app/phone";
import { Composer } from "@web/composer/composer";
import { useEffect, useRef, useState } from "react";
import { ThreadHeader } from "./thread-header";
import { ThreadSidePanel } from "./thread-side-panel";
import { ThreadTimeZone } from "./thread-time-zone";
import { Timeline } from "./timeline";

type Props = {
  threadId: number;
  user: StaffProfile;
  onSelectThread: (id: number) => void;
  onBack: () => void;
};

/**
 * One conversation: header with actions, the unified timeline, the composer, and the guest's context
 * (a column on wide screens, a sheet opened from the header on narrower ones).
 */
export function ThreadView({ threadId, user, onSelectThread, onBack }: Props) {
  const [detailsOpen, setDetailsOpen] = useState(false);
  const detail = useThreadDetail(threadId);
  const timeline = useTimeline(threadId);
  const markRead = useThreadAction<undefined>(threadId, "read");
  const unread = detail.data?.thread.unreadCount ?? 0;
  // "Send a template" on a failed message asks the composer to open its template flow (a new number each time).
  const [templateRequest, setTemplateRequest] = useState(0);

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
        aria-label={`Conversation with ${data.contact.name ?? (formatPhone(data.contact.phone) || `contact ${data.contact.id}`)}`}
      >
        <ThreadHeader detail={data} user={user} onBack={onBack} onShowDetails={() => setDetailsOpen(true)} />
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
        <Composer detail={data} templateRequest={templateRequest} />
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
