import type { ThreadChannel } from "@contract/channels";

export const CHANNEL_LABELS: Record<ThreadChannel, string> = {
  WHATSAPP: "WhatsApp",
  SMS: "SMS",
  EMAIL: "Email",
  CALL: "Call",
};

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const exact = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
const dateOnly = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });

/** "14:05" today, "3 Mar" before. */
export function shortTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString()) return timeOnly.format(date);
  return dateOnly.format(date).replace(/^\w+,? /, "");
}

export const formatExact = (iso: string) => exact.format(new Date(iso));
export const formatDate = (isoDate: string) => dateOnly.format(new Date(`${isoDate}T12:00:00`));

export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m} min ${String(s).padStart(2, "0")} s` : `${s} s`;
}

export function initials(name: string | null, fallback: string | null): string {
  const source = name?.trim() || fallback || "?";
  const words = source.split(/\s+/).filter((w) => /[A-Za-z]/.test(w[0] ?? ""));
  if (words.length === 0) return source.slice(-2);
  return words
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join("");
}
