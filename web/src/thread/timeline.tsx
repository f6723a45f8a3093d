import type { TimelineItem } from "@contract/timeline";
import { formatDate } from "@web/app/format";
import { Fragment, type KeyboardEvent, useLayoutEffect, useRef } from "react";
import { MessageBubble } from "./message-bubble";
import { CallEntry, EmailEntry, NoteEntry, SystemEventEntry } from "./timeline-entries";

type Props = {
  threadId: number;
  items: TimelineItem[];
  loading: boolean;
  hasOlder: boolean;
  loadOlder: () => void;
  onSendTemplate: () => void;
};

const TICKS = "[data-testid=message-status]";

/**
 * Everything that happened with this guest, oldest at the top, kept scrolled to the newest. One tab stop:
 * the arrow keys move between the delivery statuses (ticks) of the messages, Escape goes back to the log.
 */
export function Timeline({ threadId, items, loading, hasOlder, loadOlder, onSendTemplate }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const newestKey = items.length ? `${items[items.length - 1]?.kind}-${items[items.length - 1]?.id}` : "";
  const stickToBottom = useRef(true);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stickToBottom.current && newestKey) el.scrollTop = el.scrollHeight;
  }, [newestKey]);

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
        stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
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
        const day = item.at.slice(0, 10);
        const newDay = i === 0 || items[i - 1]?.at.slice(0, 10) !== day;
        return (
          <Fragment key={`${item.kind}-${item.id}`}>
            {newDay && <div className="day-divider">{formatDate(day)}</div>}
            <TimelineEntry threadId={threadId} item={item} onSendTemplate={onSendTemplate} />
          </Fragment>
        );
      })}
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
