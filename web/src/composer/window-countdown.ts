import type { WhatsappWindow } from "@contract/threads";

export type WindowState =
  | { kind: "open"; remainingMs: number; label: string; closingSoon: boolean }
  | { kind: "closed"; label: string };

const CLOSING_SOON_MS = 2 * 60 * 60_000;

/** Where WhatsApp's 24-hour customer-service window stands at `now`, in words for the composer. */
export function describeWindow(window: WhatsappWindow, now: Date): WindowState {
  const expiresAt = window.expiresAt ? Date.parse(window.expiresAt) : Number.NaN;
  const remainingMs = expiresAt - now.getTime();
  if (!window.open || !(remainingMs > 0)) {
    return {
      kind: "closed",
      label: window.expiresAt
        ? "The 24-hour WhatsApp window is closed: the guest has not written for over a day. Only an approved template can be sent."
        : "No WhatsApp window: the guest has never written on WhatsApp. Only an approved template can be sent.",
    };
  }
  return {
    kind: "open",
    remainingMs,
    label: `Window closes in ${formatDuration(remainingMs)}`,
    closingSoon: remainingMs <= CLOSING_SOON_MS,
  };
}

export function formatDuration(ms: number): string {
  const totalMinutes = Math.max(0, Math.floor(ms / 60_000));
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes} min`;
  return `${hours} h ${String(minutes).padStart(2, "0")} min`;
}
