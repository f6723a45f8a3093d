import { describe, expect, it } from "vitest";
import { customSnoozeTime, snoozePresets, snoozeTimeProblem } from "./snooze-presets";

const IST = "Asia/Kolkata";
const presetsAt = (iso: string, tz = IST) =>
  Object.fromEntries(snoozePresets(new Date(iso), tz).map((p) => [p.label, p.until.toISOString()]));

describe("snooze presets on the property's clock", () => {
  it("offers 1 hour, this evening, tomorrow morning and next Monday", () => {
    // Monday 7 Dec 2026, 10:00 IST.
    expect(presetsAt("2026-12-07T04:30:00.000Z")).toEqual({
      "1 hour": "2026-12-07T05:30:00.000Z",
      "This evening, 18:00": "2026-12-07T12:30:00.000Z",
      "Tomorrow, 9:00": "2026-12-08T03:30:00.000Z",
      "Next week, Monday 9:00": "2026-12-14T03:30:00.000Z",
    });
  });

  it("drops this evening once it has passed and rolls tomorrow over the month end", () => {
    // Thursday 31 Dec 2026, 20:00 IST.
    expect(presetsAt("2026-12-31T14:30:00.000Z")).toEqual({
      "1 hour": "2026-12-31T15:30:00.000Z",
      "Tomorrow, 9:00": "2027-01-01T03:30:00.000Z",
      "Next week, Monday 9:00": "2027-01-04T03:30:00.000Z",
    });
  });

  it("counts tomorrow from the property's date, not UTC's, just after midnight IST", () => {
    // 00:10 IST on Monday 7 Dec is still Sunday 6 Dec in UTC.
    const presets = presetsAt("2026-12-06T18:40:00.000Z");
    expect(presets["This evening, 18:00"]).toBe("2026-12-07T12:30:00.000Z");
    expect(presets["Tomorrow, 9:00"]).toBe("2026-12-08T03:30:00.000Z");
    expect(presets["Next week, Monday 9:00"]).toBe("2026-12-14T03:30:00.000Z");
  });

  it("on Sunday, next week is the next day", () => {
    expect(presetsAt("2026-12-13T04:30:00.000Z")["Next week, Monday 9:00"]).toBe("2026-12-14T03:30:00.000Z");
  });

  it("reads a custom time on the property's clock and refuses one in the past in words", () => {
    const now = new Date("2026-12-07T04:30:00.000Z"); // 10:00 IST
    expect(customSnoozeTime("2026-12-07T21:30", IST)?.toISOString()).toBe("2026-12-07T16:00:00.000Z");
    expect(customSnoozeTime("not a time", IST)).toBeNull();
    expect(snoozeTimeProblem(customSnoozeTime("2026-12-07T21:30", IST), now, IST)).toBeNull();
    expect(snoozeTimeProblem(customSnoozeTime("2026-12-07T09:59", IST), now, IST)).toBe(
      "That time has already passed (it is 10:00 at the property): pick a later time.",
    );
    expect(snoozeTimeProblem(null, now, IST)).toBe("Pick a date and a time to snooze until.");
  });
});
