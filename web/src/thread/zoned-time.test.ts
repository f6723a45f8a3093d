import { describe, expect, it } from "vitest";
import {
  dayKey,
  formatClock,
  formatDayDivider,
  formatFullMoment,
  instantAtWallTime,
  wallTime,
} from "./zoned-time";

const IST = "Asia/Kolkata";

describe("days and times at the property", () => {
  // 23:50 IST on 6 Dec is 18:20 UTC; 00:10 IST on 7 Dec is 18:40 UTC: the same UTC day.
  const beforeMidnight = "2026-12-06T18:20:00.000Z";
  const afterMidnight = "2026-12-06T18:40:00.000Z";

  it("cuts days at midnight in the property's zone, not at UTC midnight", () => {
    expect(dayKey(beforeMidnight, IST)).toBe("2026-12-06");
    expect(dayKey(afterMidnight, IST)).toBe("2026-12-07");
    expect(dayKey(beforeMidnight, "UTC")).toBe(dayKey(afterMidnight, "UTC"));
    // 23:30 UTC is already the next morning in India.
    expect(dayKey("2026-12-06T23:30:00.000Z", IST)).toBe("2026-12-07");
    expect(dayKey("2026-12-06T23:30:00.000Z", "UTC")).toBe("2026-12-06");
  });

  it("shows clock times in the property's zone", () => {
    expect(formatClock(beforeMidnight, IST)).toBe("23:50");
    expect(formatClock(afterMidnight, IST)).toBe("00:10");
    expect(formatClock(afterMidnight, "Asia/Dubai")).toBe("22:40");
    expect(formatFullMoment(afterMidnight, IST)).toBe("Mon 7 Dec 2026, 00:10 (Asia/Kolkata)");
  });

  it("names today and yesterday by the property's calendar", () => {
    const now = new Date("2026-12-06T19:00:00.000Z"); // 00:30 IST on 7 Dec
    expect(formatDayDivider("2026-12-07", IST, now)).toBe("Today");
    expect(formatDayDivider("2026-12-06", IST, now)).toBe("Yesterday");
    expect(formatDayDivider("2026-12-01", IST, now)).toBe("Tue 1 Dec");
    expect(formatDayDivider("2025-12-01", IST, now)).toBe("Mon 1 Dec 2025");
  });

  it("finds the instant for a wall time, across zones and a daylight-saving change", () => {
    expect(instantAtWallTime(IST, { year: 2026, month: 12, day: 7, hour: 9, minute: 0 }).toISOString()).toBe(
      "2026-12-07T03:30:00.000Z",
    );
    expect(instantAtWallTime(IST, { year: 2026, month: 12, day: 7, hour: 0, minute: 10 }).toISOString()).toBe(
      afterMidnight,
    );
    // New York moves to EDT on 8 Mar 2026: 9:00 is 14:00 UTC the day before, 13:00 UTC after.
    const ny = "America/New_York";
    expect(instantAtWallTime(ny, { year: 2026, month: 3, day: 7, hour: 9, minute: 0 }).toISOString()).toBe(
      "2026-03-07T14:00:00.000Z",
    );
    expect(instantAtWallTime(ny, { year: 2026, month: 3, day: 9, hour: 9, minute: 0 }).toISOString()).toBe(
      "2026-03-09T13:00:00.000Z",
    );
  });

  it("gives the weekday at the property", () => {
    expect(wallTime(new Date(afterMidnight), IST).weekday).toBe(1); // Monday 7 Dec in India
    expect(wallTime(new Date(afterMidnight), "UTC").weekday).toBe(7); // still Sunday in UTC
  });
});
