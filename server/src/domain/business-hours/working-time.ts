/**
 * Open and closed time of a property, computed with Intl only. A shift belongs to the local day it
 * starts on; a closure date closes that whole local day, including the tail of the previous night's
 * shift. Local times that do not exist (spring forward) resolve to the moment after the gap; times that
 * exist twice (fall back) resolve to the earlier one.
 */

export type DayHours = { open: string; close: string }; // "HH:MM" local; close "24:00" allowed; close < open = runs past midnight into the next day
export type BusinessHours = {
  timeZone: string; // IANA
  weekly: DayHours[][]; // index 0 = Sunday … 6 = Saturday; [] = closed that day
  closures: { date: string; label?: string }[]; // local "YYYY-MM-DD", closed all day
};

/** What addWorkingMs returns when the hours never open: a due time that never comes. */
export const NEVER = new Date(8.64e15);

const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1440;
/** A property closed this many consecutive days is treated as never opening again. */
const MAX_CLOSED_DAYS = 731;

type Interval = { start: number; end: number };

export function isOpenAt(hours: BusinessHours | null, at: Date): boolean {
  if (!hours) return true;
  const t = at.getTime();
  for (const interval of openIntervalsFrom(hours, t)) return interval.start <= t;
  return false;
}

/** The first moment at or after `at` when the property is open (`at` itself when open); null if never. */
export function nextOpeningAt(hours: BusinessHours | null, at: Date): Date | null {
  if (!hours) return at;
  const t = at.getTime();
  for (const interval of openIntervalsFrom(hours, t)) return new Date(Math.max(interval.start, t));
  return null;
}

/** The moment by which `ms` of open time has passed since `start`; NEVER when the hours never open. */
export function addWorkingMs(hours: BusinessHours | null, start: Date, ms: number): Date {
  if (!hours) return new Date(start.getTime() + ms);
  if (ms <= 0) return start;
  let remaining = ms;
  const t = start.getTime();
  for (const interval of openIntervalsFrom(hours, t)) {
    const from = Math.max(interval.start, t);
    const available = interval.end - from;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
  }
  return NEVER;
}

export function workingMsBetween(hours: BusinessHours | null, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (!hours) return b - a;
  let total = 0;
  for (const interval of openIntervalsFrom(hours, a)) {
    if (interval.start >= b) break;
    total += Math.min(interval.end, b) - Math.max(interval.start, a);
  }
  return total;
}

/** Merged open intervals (UTC ms) in time order, the first one ending after `fromMs`. */
function* openIntervalsFrom(hours: BusinessHours, fromMs: number): Generator<Interval> {
  if (!hours.weekly.some((day) => day.some((shift) => toMinutes(shift.open) !== toMinutes(shift.close))))
    return;
  const closed = new Set(hours.closures.map((c) => dayNumberOfIso(c.date)));
  let pending: Interval | null = null;
  let closedDays = 0;
  // Start a day early: yesterday's shift may still be running past midnight.
  for (let day = localDayNumber(hours.timeZone, fromMs) - 1; closedDays < MAX_CLOSED_DAYS; day++) {
    const pieces = piecesOnDay(hours, day, closed);
    closedDays = pieces.length ? 0 : closedDays + 1;
    for (const piece of pieces) {
      if (piece.end <= fromMs) continue;
      if (pending && piece.start <= pending.end) pending.end = Math.max(pending.end, piece.end);
      else {
        if (pending) yield pending;
        pending = { ...piece };
      }
    }
    // A closed day ends the stretch; a stretch open around the clock is handed out a week at a time.
    if (pending && (pieces.length === 0 || pending.end - pending.start >= 7 * DAY_MS)) {
      yield pending;
      pending = null;
    }
  }
  if (pending) yield pending;
}

/** The open time lying on local day `day` (days since 1970-01-01): today's shifts and last night's tails. */
function piecesOnDay(hours: BusinessHours, day: number, closed: Set<number>): Interval[] {
  if (closed.has(day)) return [];
  const minuteRanges: Array<[number, number]> = [];
  for (const shift of hours.weekly[weekdayOf(day)] ?? []) {
    const { open, end } = shiftMinutes(shift);
    if (end > open) minuteRanges.push([open, Math.min(end, MINUTES_PER_DAY)]);
  }
  for (const shift of hours.weekly[weekdayOf(day - 1)] ?? []) {
    const { end } = shiftMinutes(shift);
    if (end > MINUTES_PER_DAY) minuteRanges.push([0, end - MINUTES_PER_DAY]);
  }
  return minuteRanges
    .map(([open, close]) => ({
      start: zonedToUtc(hours.timeZone, day, open),
      end: zonedToUtc(hours.timeZone, day, close),
    }))
    .filter((piece) => piece.end > piece.start)
    .sort((a, b) => a.start - b.start);
}

function shiftMinutes(shift: DayHours): { open: number; end: number } {
  const open = toMinutes(shift.open);
  const close = toMinutes(shift.close);
  if (close === open) return { open, end: open };
  return { open, end: close > open ? close : close + MINUTES_PER_DAY };
}

function toMinutes(hm: string): number {
  const [h, m] = hm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

function dayNumberOfIso(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

function localDayNumber(timeZone: string, ms: number): number {
  return Math.floor((ms + offsetMs(timeZone, ms)) / DAY_MS);
}

/** The instant at which the local clock in `timeZone` shows `minutes` past midnight of local day `day`. */
function zonedToUtc(timeZone: string, day: number, minutes: number): number {
  const wall = day * DAY_MS + minutes * 60_000;
  const before = offsetMs(timeZone, wall - DAY_MS / 2);
  const after = offsetMs(timeZone, wall + DAY_MS / 2);
  const candidates = [wall - before, wall - after].filter((t) => wall - offsetMs(timeZone, t) === t);
  if (candidates.length) return Math.min(...candidates);
  // In a spring-forward gap: read the wall time with the offset before the jump, which lands after it.
  return wall - before;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far local time in `timeZone` is ahead of UTC at instant `ms`. */
function offsetMs(timeZone: string, ms: number): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  const part: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(ms)))
    if (p.type !== "literal") part[p.type] = Number(p.value);
  const local = Date.UTC(
    part.year ?? 1970,
    (part.month ?? 1) - 1,
    part.day ?? 1,
    (part.hour ?? 0) % 24,
    part.minute ?? 0,
    part.second ?? 0,
  );
  return local - Math.floor(ms / 1000) * 1000;
}
