import { describe, expect, it } from "vitest";
import {
  addWorkingMs,
  type BusinessHours,
  type DayHours,
  isOpenAt,
  NEVER,
  nextOpeningAt,
  workingMsBetween,
} from "./working-time";

const HOUR = 3_600_000;
const utc = (iso: string) => new Date(`${iso}Z`);
/** Kolkata is UTC+05:30 all year. */
const ist = (local: string) => new Date(`${local}+05:30`);
const week = (days: Partial<Record<number, DayHours[]>>): DayHours[][] =>
  [0, 1, 2, 3, 4, 5, 6].map((d) => days[d] ?? []);
const nineToFive = { open: "09:00", close: "17:00" };
const weekdays = (shift: DayHours) => week({ 1: [shift], 2: [shift], 3: [shift], 4: [shift], 5: [shift] });

const kolkataOffice: BusinessHours = { timeZone: "Asia/Kolkata", weekly: weekdays(nineToFive), closures: [] };

describe("null hours mean always open", () => {
  it("counts every millisecond", () => {
    const at = utc("2026-03-07T03:00:00");
    expect(isOpenAt(null, at)).toBe(true);
    expect(nextOpeningAt(null, at)).toEqual(at);
    expect(addWorkingMs(null, at, 2 * HOUR)).toEqual(utc("2026-03-07T05:00:00"));
    expect(workingMsBetween(null, at, utc("2026-03-07T05:00:00"))).toBe(2 * HOUR);
    expect(workingMsBetween(null, utc("2026-03-07T05:00:00"), at)).toBe(0);
  });
});

describe("Asia/Kolkata, weekdays 09:00–17:00", () => {
  it("is open inside the hours and closed outside, the closing minute excluded", () => {
    expect(isOpenAt(kolkataOffice, ist("2026-03-02T09:00:00"))).toBe(true); // Monday
    expect(isOpenAt(kolkataOffice, ist("2026-03-02T16:59:59"))).toBe(true);
    expect(isOpenAt(kolkataOffice, ist("2026-03-02T08:59:59"))).toBe(false);
    expect(isOpenAt(kolkataOffice, ist("2026-03-02T17:00:00"))).toBe(false);
    expect(isOpenAt(kolkataOffice, ist("2026-03-07T12:00:00"))).toBe(false); // Saturday
  });

  it("carries work left at Friday's close over the weekend to Monday morning", () => {
    const friday4pm = ist("2026-03-06T16:00:00");
    expect(addWorkingMs(kolkataOffice, friday4pm, 2 * HOUR)).toEqual(ist("2026-03-09T10:00:00"));
    expect(workingMsBetween(kolkataOffice, friday4pm, ist("2026-03-09T10:00:00"))).toBe(2 * HOUR);
    expect(nextOpeningAt(kolkataOffice, ist("2026-03-07T12:00:00"))).toEqual(ist("2026-03-09T09:00:00"));
    expect(nextOpeningAt(kolkataOffice, ist("2026-03-09T11:00:00"))).toEqual(ist("2026-03-09T11:00:00"));
  });

  it("starts counting at opening time when started while closed", () => {
    expect(addWorkingMs(kolkataOffice, ist("2026-03-02T06:00:00"), 30 * 60_000)).toEqual(
      ist("2026-03-02T09:30:00"),
    );
    expect(addWorkingMs(kolkataOffice, ist("2026-03-02T06:00:00"), 0)).toEqual(ist("2026-03-02T06:00:00"));
  });

  it("stays closed all day on a closure date and skips it when counting", () => {
    const withHoliday = { ...kolkataOffice, closures: [{ date: "2026-03-09", label: "Holi" }] };
    expect(isOpenAt(withHoliday, ist("2026-03-09T12:00:00"))).toBe(false);
    expect(addWorkingMs(withHoliday, ist("2026-03-06T16:00:00"), 2 * HOUR)).toEqual(
      ist("2026-03-10T10:00:00"),
    );
    expect(workingMsBetween(withHoliday, ist("2026-03-06T00:00:00"), ist("2026-03-11T00:00:00"))).toBe(
      16 * HOUR,
    );
    expect(nextOpeningAt(withHoliday, ist("2026-03-07T12:00:00"))).toEqual(ist("2026-03-10T09:00:00"));
  });
});

describe("hours across midnight", () => {
  const nightDesk: BusinessHours = {
    timeZone: "Asia/Kolkata",
    weekly: week({ 5: [{ open: "22:00", close: "02:00" }], 6: [{ open: "09:00", close: "10:00" }] }),
    closures: [],
  };

  it("runs Friday's night shift into Saturday", () => {
    expect(isOpenAt(nightDesk, ist("2026-03-06T23:00:00"))).toBe(true);
    expect(isOpenAt(nightDesk, ist("2026-03-07T01:59:00"))).toBe(true);
    expect(isOpenAt(nightDesk, ist("2026-03-07T02:00:00"))).toBe(false);
    expect(isOpenAt(nightDesk, ist("2026-03-06T21:59:00"))).toBe(false);
    expect(addWorkingMs(nightDesk, ist("2026-03-06T23:00:00"), 3.5 * HOUR)).toEqual(
      ist("2026-03-07T09:30:00"),
    );
    expect(workingMsBetween(nightDesk, ist("2026-03-06T00:00:00"), ist("2026-03-08T00:00:00"))).toBe(
      5 * HOUR,
    );
  });

  it("joins an evening shift and the next morning's shift into one stretch", () => {
    const joined: BusinessHours = {
      timeZone: "Asia/Kolkata",
      weekly: week({ 1: [{ open: "18:00", close: "24:00" }], 2: [{ open: "00:00", close: "06:00" }] }),
      closures: [],
    };
    expect(isOpenAt(joined, ist("2026-03-03T00:00:00"))).toBe(true);
    expect(workingMsBetween(joined, ist("2026-03-02T23:00:00"), ist("2026-03-03T01:00:00"))).toBe(2 * HOUR);
    expect(addWorkingMs(joined, ist("2026-03-02T18:00:00"), 12 * HOUR)).toEqual(ist("2026-03-03T06:00:00"));
    expect(addWorkingMs(joined, ist("2026-03-02T18:00:00"), 12 * HOUR + 1)).toEqual(
      new Date(ist("2026-03-09T18:00:00").getTime() + 1),
    );
  });

  it("closes the tail of the night before on a closure date", () => {
    const closedSaturday = { ...nightDesk, closures: [{ date: "2026-03-07" }] };
    expect(isOpenAt(closedSaturday, ist("2026-03-06T23:00:00"))).toBe(true);
    expect(isOpenAt(closedSaturday, ist("2026-03-07T01:00:00"))).toBe(false);
    expect(workingMsBetween(closedSaturday, ist("2026-03-06T00:00:00"), ist("2026-03-08T00:00:00"))).toBe(
      2 * HOUR,
    );
  });
});

describe("Europe/London, with daylight saving", () => {
  const everyDay = (shift: DayHours) =>
    week({ 0: [shift], 1: [shift], 2: [shift], 3: [shift], 4: [shift], 5: [shift], 6: [shift] });
  const london = (shift: DayHours): BusinessHours => ({
    timeZone: "Europe/London",
    weekly: everyDay(shift),
    closures: [],
  });

  it("opens at 09:00 local time, which is 08:00 UTC in summer and 09:00 UTC in winter", () => {
    const office = london(nineToFive);
    expect(isOpenAt(office, utc("2026-07-01T08:30:00"))).toBe(true);
    expect(isOpenAt(office, utc("2026-01-07T08:30:00"))).toBe(false);
    expect(nextOpeningAt(office, utc("2026-07-01T06:00:00"))).toEqual(utc("2026-07-01T08:00:00"));
    expect(nextOpeningAt(office, utc("2026-01-07T06:00:00"))).toEqual(utc("2026-01-07T09:00:00"));
  });

  it("counts a night shift one hour shorter when the clocks go forward", () => {
    const night = london({ open: "22:00", close: "06:00" });
    // Saturday 28 March 22:00 GMT until Sunday 29 March 06:00 BST (05:00 UTC).
    expect(workingMsBetween(night, utc("2026-03-28T20:00:00"), utc("2026-03-29T12:00:00"))).toBe(7 * HOUR);
    expect(addWorkingMs(night, utc("2026-03-28T22:00:00"), 7 * HOUR)).toEqual(utc("2026-03-29T05:00:00"));
  });

  it("counts a night shift one hour longer when the clocks go back", () => {
    const night = london({ open: "22:00", close: "06:00" });
    // Saturday 24 October 22:00 BST (21:00 UTC) until Sunday 25 October 06:00 GMT.
    expect(workingMsBetween(night, utc("2026-10-24T18:00:00"), utc("2026-10-25T12:00:00"))).toBe(9 * HOUR);
    expect(isOpenAt(night, utc("2026-10-24T21:00:00"))).toBe(true);
    expect(isOpenAt(night, utc("2026-10-24T20:59:00"))).toBe(false);
  });

  it("reads an opening time inside the spring-forward gap as the moment after the jump", () => {
    const office = london({ open: "01:30", close: "03:00" });
    // 01:30 does not exist on 29 March; 02:30 BST (01:30 UTC) is taken instead, until 03:00 BST.
    expect(nextOpeningAt(office, utc("2026-03-29T00:00:00"))).toEqual(utc("2026-03-29T01:30:00"));
    expect(workingMsBetween(office, utc("2026-03-29T00:00:00"), utc("2026-03-29T12:00:00"))).toBe(HOUR / 2);
  });
});

describe("hours open around the clock", () => {
  const allDay = { open: "00:00", close: "24:00" };
  const always: BusinessHours = {
    timeZone: "Europe/London",
    weekly: week({
      0: [allDay],
      1: [allDay],
      2: [allDay],
      3: [allDay],
      4: [allDay],
      5: [allDay],
      6: [allDay],
    }),
    closures: [{ date: "2026-12-25" }],
  };

  it("counts every millisecond, weeks at a time, except the closure", () => {
    const at = utc("2026-03-07T03:00:00");
    expect(isOpenAt(always, at)).toBe(true);
    expect(nextOpeningAt(always, at)).toEqual(at);
    expect(addWorkingMs(always, at, 30 * 24 * HOUR)).toEqual(utc("2026-04-06T03:00:00"));
    expect(workingMsBetween(always, at, utc("2026-04-06T03:00:00"))).toBe(30 * 24 * HOUR);
    expect(isOpenAt(always, utc("2026-12-25T12:00:00"))).toBe(false);
    expect(nextOpeningAt(always, utc("2026-12-25T12:00:00"))).toEqual(utc("2026-12-26T00:00:00"));
  });
});

describe("hours that never open", () => {
  const never: BusinessHours = { timeZone: "Asia/Kolkata", weekly: week({}), closures: [] };

  it("is never open and a due time never comes", () => {
    const at = utc("2026-03-07T03:00:00");
    expect(isOpenAt(never, at)).toBe(false);
    expect(nextOpeningAt(never, at)).toBeNull();
    expect(addWorkingMs(never, at, HOUR)).toEqual(NEVER);
    expect(workingMsBetween(never, at, utc("2026-03-17T03:00:00"))).toBe(0);
  });

  it("treats a long run of closures as closed, then opens again after it", () => {
    const closures = Array.from({ length: 30 }, (_, i) => ({
      date: new Date(Date.UTC(2026, 2, 1 + i)).toISOString().slice(0, 10),
    }));
    const seasonal = { ...kolkataOffice, closures };
    expect(nextOpeningAt(seasonal, ist("2026-03-01T12:00:00"))).toEqual(ist("2026-03-31T09:00:00"));
  });
});
