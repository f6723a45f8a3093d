import { dayKey } from "@web/thread/zoned-time";

const REPORT_DEFAULT_DAYS = 30;

/**
 * The reports' default range: the 30 days that end on the latest "today" among the given time zones
 * (the browser's and those of the properties in view). Reports count days in each property's zone, so a
 * viewer west of a hotel (head office in London, hotel in India) would otherwise leave out the hotel's
 * newest hours until their own midnight. Zones the browser does not know are skipped.
 */
export function defaultReportRange(timeZones: string[], now = new Date()): { from: string; to: string } {
  const todays = timeZones.flatMap((timeZone) => {
    try {
      return [dayKey(now.toISOString(), timeZone)];
    } catch {
      return [];
    }
  });
  const to = todays.sort().at(-1) ?? now.toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (REPORT_DEFAULT_DAYS - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return { from, to };
}
