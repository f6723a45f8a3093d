import type { StaffProfile } from "@contract/auth";
import type { ThreadDetailResponse, ThreadStatusBody } from "@contract/threads";
import { useThreadAction } from "@web/api/threads";
import { formatPhone } from "@web/app/phone";
import { LabelChips, PriorityBadge } from "@web/inbox/thread-row-tags";
import { useEffect, useRef } from "react";
import { ThreadMoreActions } from "./thread-more-actions";
import { formatFullMoment } from "./zoned-time";
import "./thread-header.css";

type Props = {
  detail: ThreadDetailResponse;
  user: StaffProfile;
  /** Back to the inbox, and the guest's details as a sheet: only shown where those columns are hidden. */
  onBack: () => void;
  onShowDetails: () => void;
  /** After "Mark as unread" succeeded. */
  onMarkedUnread: () => void;
};

/**
 * One line on a desk, two on a phone: who, where and whose, the status, Resolve/Reopen, and every other
 * action behind "More actions", so that the timeline keeps the height.
 */
export function ThreadHeader({ detail, user, onBack, onShowDetails, onMarkedUnread }: Props) {
  const { thread, contact } = detail;
  const setStatus = useThreadAction<ThreadStatusBody>(thread.id, "status");
  const resolved = thread.status === "RESOLVED";

  // On a phone the inbox row that opened this thread is gone now; keep keyboard focus on the page.
  const backButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const focusLost = document.activeElement === document.body || document.activeElement === null;
    if (focusLost && backButton.current?.checkVisibility()) backButton.current.focus();
  }, []);

  return (
    <header className="thread-header compact-header">
      <button ref={backButton} type="button" className="button ghost back-button" onClick={onBack}>
        <span aria-hidden="true">←</span>
        <span className="visually-hidden">Back to</span> Inbox
      </button>
      <div className="thread-title">
        <h2>{contact.name ?? (formatPhone(contact.phone) || contact.email || `Contact ${contact.id}`)}</h2>
        <p className="subtle thread-subtitle">
          <span>
            {formatPhone(contact.phone)}
            {thread.property && ` · ${thread.property.name}`}
            {thread.bookingReference && ` · ${thread.bookingReference}`}
            {` · ${thread.assignee ? thread.assignee.name : "Unassigned"}`}
          </span>
          <PriorityBadge priority={thread.priority} />
          <span className="thread-labels" data-testid="thread-labels">
            <LabelChips labels={thread.labels} />
          </span>
        </p>
      </div>
      <button type="button" className="button details-button" onClick={onShowDetails}>
        Details
      </button>
      <div className="thread-actions">
        <span className={`status-pill status-${thread.status.toLowerCase()}`} data-testid="thread-status">
          {thread.status === "SNOOZED" && thread.snoozedUntil
            ? `Snoozed until ${formatFullMoment(thread.snoozedUntil, thread.timeZone)}`
            : thread.status.toLowerCase()}
        </span>
        <button
          type="button"
          className="button"
          disabled={setStatus.isPending}
          onClick={() => setStatus.mutate({ status: resolved ? "OPEN" : "RESOLVED" })}
        >
          {resolved ? "Reopen" : "Resolve"}
        </button>
        <ThreadMoreActions thread={thread} user={user} onMarkedUnread={onMarkedUnread} />
      </div>
      {setStatus.error && (
        <p className="form-error" role="alert">
          {setStatus.error.message}
        </p>
      )}
    </header>
  );
}
