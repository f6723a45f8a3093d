import type { SearchMatch, ThreadRow } from "@contract/threads";
import { CHANNEL_LABELS, initials, shortTime } from "@web/app/format";
import { formatPhone } from "@web/app/phone";
import { memo } from "react";
import { SlaBadge, slaState, useNow } from "./sla-badge";
import { LabelChips, PriorityBadge } from "./thread-row-tags";

type Props = { thread: ThreadRow; selected: boolean; onSelect: (id: number) => void };

// The button is named by all of its text (name, time, preview, unread count, channel…), not by a shorter
// label: a name that leaves out visible text fails people who speak or see what they click.
export const ThreadListRow = memo(function ThreadListRow({ thread, selected, onSelect }: Props) {
  const { contact } = thread;
  const name = contact.name ?? (formatPhone(contact.phone) || contact.email) ?? `Contact ${contact.id}`;
  const unread = thread.unreadCount > 0;
  const now = useNow();
  return (
    <button
      type="button"
      id={`thread-row-${thread.id}`}
      className={`thread-row${selected ? " selected" : ""}${unread ? " unread" : ""}`}
      aria-current={selected ? "true" : undefined}
      data-thread-id={thread.id}
      data-sla={slaState(thread.sla, now)}
      onClick={() => onSelect(thread.id)}
    >
      <span className="avatar" aria-hidden="true">
        {initials(contact.name, contact.phone)}
      </span>
      <span className="row-main">
        <span className="row-top">
          <span className="row-name">
            {thread.hasFailedOutbound && (
              <span
                className="failed-marker"
                data-testid="failed-marker"
                title="A message was not delivered"
                aria-hidden="true"
              >
                !
              </span>
            )}
            {name}
            {thread.hasFailedOutbound && (
              <span className="visually-hidden"> (a message was not delivered)</span>
            )}
            {contact.name && contact.phone && (
              <span className="row-phone"> {formatPhone(contact.phone)}</span>
            )}
          </span>
          <time className="row-time" dateTime={thread.lastMessageAt}>
            {shortTime(thread.lastMessageAt)}
          </time>
        </span>
        <span className="row-preview">
          {thread.match?.field === "message"
            ? thread.match.value
            : (thread.lastPreview ?? <em>No messages yet</em>)}
          {unread && (
            <span className="unread-count" data-testid="unread-count">
              {thread.unreadCount}
              <span className="visually-hidden"> unread</span>
            </span>
          )}
        </span>
        <span className="row-meta">
          <SlaBadge sla={thread.sla} now={now} />
          <PriorityBadge priority={thread.priority} />
          <LabelChips labels={thread.labels} />
          {thread.match && (
            <span className="meta match" data-testid="search-match">
              <span className="visually-hidden">Matched </span>
              {matchLabel(thread.match)}
            </span>
          )}
          {thread.lastInboundChannel && (
            <span className={`badge channel-${thread.lastInboundChannel.toLowerCase()}`}>
              {CHANNEL_LABELS[thread.lastInboundChannel]}
            </span>
          )}
          {thread.property && (
            <span className="meta" title={thread.property.name}>
              {thread.property.code}
            </span>
          )}
          {thread.bookingReference && thread.match?.field !== "booking" && (
            <span className="meta">{thread.bookingReference}</span>
          )}
          <span className="meta assignee">{thread.assignee ? thread.assignee.name : "Unassigned"}</span>
        </span>
      </span>
    </button>
  );
});

function matchLabel(match: SearchMatch): string {
  if (match.field === "phone") return `phone ${formatPhone(match.value)}`;
  if (match.field === "message") return "message";
  if (match.field === "name") return "name";
  return `${match.field} ${match.value}`;
}
