import type { StaffProfile } from "@contract/auth";
import type { ThreadDetailResponse, ThreadStatusBody } from "@contract/threads";
import { useThreadAction } from "@web/api/threads";
import { formatPhone } from "@web/app/phone";
import { useEffect, useRef } from "react";
import { HandoverControls } from "./handover-controls";
import { SnoozePopover } from "./snooze-popover";
import { ThreadTags } from "./thread-tags";
import { formatFullMoment } from "./zoned-time";

type Props = {
  detail: ThreadDetailResponse;
  user: StaffProfile;
  /** Back to the inbox, and the guest's details as a sheet: only shown where those columns are hidden. */
  onBack: () => void;
  onShowDetails: () => void;
  /** After "Mark as unread" succeeded. */
  onMarkedUnread: () => void;
};

export function ThreadHeader({ detail, user, onBack, onShowDetails, onMarkedUnread }: Props) {
  const { thread, contact } = detail;
  const setStatus = useThreadAction<ThreadStatusBody>(thread.id, "status");
  const markUnread = useThreadAction<undefined>(thread.id, "unread");
  const error = setStatus.error ?? markUnread.error;
  const resolved = thread.status === "RESOLVED";

  // On a phone the inbox row that opened this thread is gone now; keep keyboard focus on the page.
  const backButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const focusLost = document.activeElement === document.body || document.activeElement === null;
    if (focusLost && backButton.current?.checkVisibility()) backButton.current.focus();
  }, []);

  return (
    <header className="thread-header">
      <button ref={backButton} type="button" className="button ghost back-button" onClick={onBack}>
        <span aria-hidden="true">←</span>
        <span className="visually-hidden">Back to</span> Inbox
      </button>
      <div className="thread-title">
        <h2>{contact.name ?? (formatPhone(contact.phone) || contact.email || `Contact ${contact.id}`)}</h2>
        <p className="subtle">
          {formatPhone(contact.phone)}
          {thread.property && ` · ${thread.property.name}`}
          {thread.bookingReference && ` · ${thread.bookingReference}`}
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
        <HandoverControls thread={thread} user={user} />
        <button
          type="button"
          className="button"
          disabled={setStatus.isPending}
          onClick={() => setStatus.mutate({ status: resolved ? "OPEN" : "RESOLVED" })}
        >
          {resolved ? "Reopen" : "Resolve"}
        </button>
        <SnoozePopover threadId={thread.id} timeZone={thread.timeZone} />
        <button
          type="button"
          className="button"
          disabled={markUnread.isPending}
          onClick={() => markUnread.mutate(undefined, { onSuccess: onMarkedUnread })}
        >
          Mark as unread
        </button>
      </div>
      <ThreadTags thread={thread} user={user} />
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
    </header>
  );
}
