import { describe, expect, it } from "vitest";
import { describeWindow, formatDuration } from "./window-countdown";

const now = new Date("2026-03-01T12:00:00Z");

describe("describeWindow", () => {
  it("counts down an open window and flags its last two hours", () => {
    const open = describeWindow({ open: true, expiresAt: "2026-03-02T11:30:00Z" }, now);
    expect(open).toMatchObject({ kind: "open", label: "Window closes in 23 h 30 min", closingSoon: false });
    const soon = describeWindow({ open: true, expiresAt: "2026-03-01T13:15:00Z" }, now);
    expect(soon).toMatchObject({ kind: "open", closingSoon: true });
  });

  it("is closed once the expiry has passed, even if the server said open a moment ago", () => {
    expect(describeWindow({ open: true, expiresAt: "2026-03-01T11:59:59Z" }, now).kind).toBe("closed");
  });

  it("says why it is closed: expired, or never opened", () => {
    expect(describeWindow({ open: false, expiresAt: "2026-02-27T10:00:00Z" }, now).label).toMatch(
      /not written for over a day/,
    );
    expect(describeWindow({ open: false, expiresAt: null }, now).label).toMatch(/never written on WhatsApp/);
  });
});

describe("formatDuration", () => {
  it("shows minutes alone under an hour", () => {
    expect(formatDuration(59 * 60_000)).toBe("59 min");
    expect(formatDuration(-5)).toBe("0 min");
    expect(formatDuration(65 * 60_000)).toBe("1 h 05 min");
  });
});
