import type { TimelineItem } from "@contract/timeline";
import { Fragment, type KeyboardEvent, useLayoutEffect, useRef, useState } from "react";
import { MessageBubble } from "./message-bubble";
import { useThreadTimeZone } from "./thread-time-zone";
import { CallEntry, EmailEntry, NoteEntry, SystemEventEntry } from "./timeline-entries";
import { dayKey, formatDayDivider } from "./zoned-time";

type Props = {
  threadId: number;
  items: TimelineItem[];
  loading: boolean;
  hasOlder: boolean;
  loadOlder: () => void;
  onSendTemplate: () => void;
};

const TICKS = "[data-testid=message-status]";
// Within this many pixels of the bottom the reader counts as following the conversation.
const FOLLOWING_SLACK_PX = 80;

/**
 * Everything that happened with this guest, oldest at the top, cut into days at the property.
 * Mounted once per thread: it opens at the newest entry and follows new ones while the reader is at
 * the bottom; a reader scrolled up gets a "new messages" pill instead of being pulled away. One tab stop:
 * the arrow keys move between the delivery statuses (ticks) of the messages, Escape goes back to the log.
 */
export function Timeline({ threadId, items, loading, hasOlder, loadOlder, onSendTemplate }: Props) {
  const timeZone = useThreadTimeZone();
  const scroller = useRef<HTMLDivElement>(null);
  const newest = items[items.length - 1];
  const newestKey = newest ? `${newest.kind}-${newest.id}` : "";
  const following = useRef(true);
  const seenNewestKey = useRef("");
  const [unseenNew, setUnseenNew] = useState(false);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !newestKey) return;
    const firstShown = seenNewestKey.current === "";
    seenNewestKey.current = newestKey;
    if (firstShown || following.current) el.scrollTop = el.scrollHeight;
    else setUnseenNew(true);
  }, [newestKey]);

  const scrollToNewest = () => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
    following.current = true;
    setUnseenNew(false);
  };

  return (
    <div
      className="timeline"
      ref={scroller}
      role="log"
      aria-label="Conversation timeline"
      aria-live="polite"
      aria-describedby="timeline-keys"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling log must be reachable by keyboard to scroll it and to reach the ticks
      tabIndex={0}
      onKeyDown={moveBetweenTicks}
      onScroll={(e) => {
        const el = e.currentTarget;
        following.current = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOWING_SLACK_PX;
        if (following.current) setUnseenNew(false);
      }}
    >
      <p id="timeline-keys" className="visually-hidden">
        Up and down arrows: delivery status of each sent message. Escape: back to the conversation.
      </p>
      {hasOlder && (
        <button type="button" className="button ghost load-older" onClick={loadOlder}>
          Show earlier
        </button>
      )}
      {loading && <p className="list-message">Loading…</p>}
      {!loading && items.length === 0 && <p className="list-message">Nothing here yet.</p>}
      {items.map((item, i) => {
        const day = dayKey(item.at, timeZone);
        const previous = items[i - 1];
        const newDay = !previous || dayKey(previous.at, timeZone) !== day;
        return (
          <Fragment key={`${item.kind}-${item.id}`}>
            {newDay && (
              <div className="day-divider" data-testid="day-divider" data-day={day}>
                {formatDayDivider(day, timeZone)}
              </div>
            )}
            <TimelineEntry threadId={threadId} item={item} onSendTemplate={onSendTemplate} />
          </Fragment>
        );
      })}
      {unseenNew && (
        <button type="button" className="new-messages-pill" onClick={scrollToNewest}>
          New messages ↓
        </button>
      )}
    </div>
  );
}

function moveBetweenTicks(event: KeyboardEvent<HTMLDivElement>) {
  const log = event.currentTarget;
  const ticks = [...log.querySelectorAll<HTMLElement>(TICKS)];
  const at = ticks.findIndex((t) => t === document.activeElement);
  const target =
    event.key === "ArrowDown"
      ? ticks[at < 0 ? 0 : Math.min(at + 1, ticks.length - 1)]
      : event.key === "ArrowUp"
        ? ticks[at < 0 ? ticks.length - 1 : Math.max(at - 1, 0)]
        : event.key === "Home"
          ? ticks[0]
          : event.key === "End"
            ? ticks[ticks.length - 1]
            : event.key === "Escape" && at >= 0
              ? log
              : undefined;
  if (!target) return;
  event.preventDefault();
  target.focus();
}

type EntryProps = { threadId: number; item: TimelineItem; onSendTemplate: () => void };

function TimelineEntry({ threadId, item, onSendTemplate }: EntryProps) {
  switch (item.kind) {
    case "message":
      return <MessageBubble threadId={threadId} message={item} onSendTemplate={onSendTemplate} />;
    case "call":
      return <CallEntry call={item} />;
    case "email":
      return <EmailEntry email={item} />;
    case "note":
      return <NoteEntry note={item} />;
    case "event":
      return <SystemEventEntry event={item} />;
  }
}
