import { formatClock, instantAtWallTime, type WallTime, wallTime } from "./zoned-time";

/** The moments a desk usually snoozes to, reckoned on the property's clock. */
export type SnoozePreset = { label: string; until: Date };

const EVENING_HOUR = 18;
const MORNING_HOUR = 9;

export function snoozePresets(now: Date, timeZone: string): SnoozePreset[] {
  const today = wallTime(now, timeZone);
  const at = (daysAhead: number, hour: number) =>
    instantAtWallTime(timeZone, { ...addDays(today, daysAhead), hour, minute: 0 });
  const presets: SnoozePreset[] = [{ label: "1 hour", until: new Date(now.getTime() + 60 * 60_000) }];
  const evening = at(0, EVENING_HOUR);
  if (evening.getTime() > now.getTime()) presets.push({ label: "This evening, 18:00", until: evening });
  presets.push({ label: "Tomorrow, 9:00", until: at(1, MORNING_HOUR) });
  // Monday of next week, even when today is Monday.
  const daysToMonday = 8 - today.weekday;
  presets.push({ label: "Next week, Monday 9:00", until: at(daysToMonday, MORNING_HOUR) });
  return presets;
}

/** A `datetime-local` value ("2026-12-07T21:30") read as the property's clock, not the browser's. */
export function customSnoozeTime(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return instantAtWallTime(timeZone, { year, month, day, hour, minute });
}

/** Why a snooze time cannot be used, in words for the popover; null when it can. */
export function snoozeTimeProblem(until: Date | null, now: Date, timeZone: string): string | null {
  if (!until) return "Pick a date and a time to snooze until.";
  if (until.getTime() <= now.getTime())
    return `That time has already passed (it is ${formatClock(now.toISOString(), timeZone)} at the property): pick a later time.`;
  return null;
}

function addDays(w: WallTime, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
