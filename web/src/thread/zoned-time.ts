/**
 * Days and times as the hotel lives them: in the property's time zone, not the browser's and not UTC.
 * Everything here is pure so it can be tested around midnight in any zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

export type WallTime = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
};

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** The calendar date and clock time at `instant` in `timeZone` (weekday 1 = Monday … 7 = Sunday). */
export function wallTime(instant: Date, timeZone: string): WallTime {
  const parts = formatter(timeZone, {
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    weekday: "short",
    hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    year: Number(get("year")),
    month: Number(get("month")),
    day: Number(get("day")),
    hour: Number(get("hour")),
    minute: Number(get("minute")),
    weekday: WEEKDAYS.indexOf(get("weekday")) + 1,
  };
}

/** "2026-12-07": the day a moment belongs to at the property, used to cut the timeline into days. */
export function dayKey(iso: string, timeZone: string): string {
  const w = wallTime(new Date(iso), timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** "Mon 7 Dec" for a day key, or "Today" / "Yesterday" relative to `now` at the property. */
export function formatDayDivider(key: string, timeZone: string, now = new Date()): string {
  const today = dayKey(now.toISOString(), timeZone);
  if (key === today) return "Today";
  if (key === dayKey(new Date(now.getTime() - 86_400_000).toISOString(), timeZone)) return "Yesterday";
  const sameYear = key.slice(0, 4) === today.slice(0, 4);
  return formatter("UTC", {
    weekday: "short",
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
  })
    .format(new Date(`${key}T12:00:00Z`))
    .replace(",", "");
}

/** "23:50" at the property. */
export function formatClock(iso: string, timeZone: string): string {
  const w = wallTime(new Date(iso), timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** "Mon 7 Dec 2026, 23:50 (Asia/Kolkata)": the full moment, for a tooltip. */
export function formatFullMoment(iso: string, timeZone: string): string {
  const date = formatter(timeZone, { weekday: "short", day: "numeric", month: "short", year: "numeric" })
    .format(new Date(iso))
    .replace(",", "");
  return `${date}, ${formatClock(iso, timeZone)} (${timeZone})`;
}

/**
 * The instant at which the property's clock shows the given date and time. Offsets are found by
 * asking Intl twice, which also lands correctly on either side of a daylight-saving change.
 */
export function instantAtWallTime(
  timeZone: string,
  wall: { year: number; month: number; day: number; hour: number; minute: number },
): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  let guess = asUtc - offsetMs(new Date(asUtc), timeZone);
  guess = asUtc - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

function offsetMs(instant: Date, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return wallAsUtc - Math.floor(instant.getTime() / 60_000) * 60_000;
}

const pad = (n: number) => String(n).padStart(2, "0");
