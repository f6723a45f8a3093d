import type { ThreadSla } from "@contract/sla";
import { useEffect, useState } from "react";
import "./sla-badge.css";

/** Within this long of its due time a target shows amber. */
const CLOSE_MS = 15 * 60_000;
const TICK_MS = 30_000;

const WHAT: Record<ThreadSla["kind"], string> = {
  FIRST_RESPONSE: "First reply",
  NEXT_RESPONSE: "Reply",
  RESOLUTION: "Resolve",
};

export type SlaState = "ok" | "close" | "due" | "breached";

/** Where a row's running target stands now: breached once the server has marked it, due when its time has come. */
export function slaState(sla: ThreadSla | null, now: number): SlaState | undefined {
  if (!sla) return undefined;
  if (sla.breachedAt) return "breached";
  const left = Date.parse(sla.dueAt) - now;
  if (left <= 0) return "due";
  return left <= CLOSE_MS ? "close" : "ok";
}

/** "45m", "3h 10m", "2d 4h". */
export function shortSpan(ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  return hours % 24 ? `${Math.floor(hours / 24)}d ${hours % 24}h` : `${Math.floor(hours / 24)}d`;
}

/** The current time, refreshed every half minute, for countdowns. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The inbox row's response-time target: time left, amber when close, red when breached (words, not colour alone). */
export function SlaBadge({ sla, now }: { sla: ThreadSla | null; now: number }) {
  const state = slaState(sla, now);
  if (!sla || !state) return null;
  const left = Date.parse(sla.dueAt) - now;
  const text =
    state === "breached"
      ? `${WHAT[sla.kind]}: SLA breached ${shortSpan(left)} ago`
      : state === "due"
        ? `${WHAT[sla.kind]} due now`
        : `${WHAT[sla.kind]} in ${shortSpan(left)}`;
  return (
    <span className={`badge sla-badge sla-${state}`} data-testid="sla-badge" data-sla={state} title={text}>
      <span aria-hidden="true">{state === "breached" ? "⚠ " : "⏱ "}</span>
      {text}
    </span>
  );
}
