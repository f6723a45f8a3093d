import type { MessageRetryItem } from "@contract/outbound";
import { formatExact } from "@web/app/format";
import type { z } from "zod";
import { actorName } from "./describe-event";
import { describeRetries, describeSteps, type MessageStatus, type TickStep } from "./tick-history";

type Props = {
  status: MessageStatus;
  steps: TickStep[];
  /** Who sent it again after a failure, once the message's detail is loaded. */
  retries?: z.infer<typeof MessageRetryItem>[];
  onHover?: () => void;
};

/**
 * WhatsApp-style ticks; the title (hover, or keyboard focus) gives the exact time of every step. Not a tab
 * stop of its own: the timeline's arrow keys reach it, so Tab does not walk through every bubble.
 */
export function StatusTicks({ status, steps, retries = [], onHover }: Props) {
  const title = [describeSteps(steps, formatExact), ...describeRetries(retries, formatExact, actorName)].join(
    " · ",
  );
  return (
    <button
      type="button"
      className={`ticks ticks-${status.toLowerCase()}`}
      title={title}
      aria-label={`${status}: ${title}`}
      data-testid="message-status"
      data-status={status}
      tabIndex={-1}
      onMouseEnter={onHover}
      onFocus={onHover}
    >
      <TickIcon status={status} />
      <span className="ticks-label">{status}</span>
    </button>
  );
}

function TickIcon({ status }: { status: MessageStatus }) {
  if (status === "PENDING")
    return (
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path
          d="M8 4.5V8l2.5 1.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
        />
      </svg>
    );
  if (status === "FAILED")
    return (
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <circle cx="8" cy="8" r="7" fill="currentColor" />
        <path d="M8 4v5M8 11.2v.3" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
    );
  const double = status === "DELIVERED" || status === "READ";
  return (
    <svg viewBox="0 0 20 16" width="18" height="14" aria-hidden="true">
      <path
        d="M1.5 8.5l3.5 3.5 7-8"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.7"
        strokeLinecap="round"
      />
      {double && (
        <path d="M7.5 11l1 1 7-8" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
      )}
    </svg>
  );
}
