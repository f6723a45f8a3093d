import type { LiveStatus } from "./use-live-events";

const LABELS: Record<LiveStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
};

/** Tells staff whether what they see is live, so nobody reaches for F5. */
export function LiveBadge({ status }: { status: LiveStatus }) {
  return (
    <span className={`live-badge live-${status}`} role="status" aria-live="polite" data-testid="live-badge">
      <span className="live-dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
