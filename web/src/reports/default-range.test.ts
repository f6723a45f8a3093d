import { describe, expect, it } from "vitest";
import { defaultReportRange } from "./default-range";

describe(defaultReportRange.name, () => {
  it("ends on the latest today among the zones: a London browser sees an Indian hotel's new day", () => {
    const evening = new Date("2026-12-07T20:00:00Z");
    expect(defaultReportRange(["Europe/London", "Asia/Kolkata"], evening)).toEqual({
      from: "2026-11-09",
      to: "2026-12-08",
    });
    expect(defaultReportRange(["Europe/London"], evening)).toEqual({ from: "2026-11-08", to: "2026-12-07" });
  });

  it("ends on the browser's today when it is the latest, and skips zones it does not know", () => {
    const night = new Date("2026-12-08T03:00:00Z");
    expect(defaultReportRange(["America/Los_Angeles", "Not/AZone"], night)).toEqual({
      from: "2026-11-08",
      to: "2026-12-07",
    });
    expect(defaultReportRange(["Not/AZone"], night).to).toBe("2026-12-08");
  });
});
