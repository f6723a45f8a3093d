import { describe, expect, it } from "vitest";
import { shortSpan, slaState } from "./sla-badge";

const now = Date.parse("2026-03-02T10:00:00Z");
const due = (minutes: number, breached = false) => ({
  kind: "FIRST_RESPONSE" as const,
  dueAt: new Date(now + minutes * 60_000).toISOString(),
  breachedAt: breached ? new Date(now + minutes * 60_000).toISOString() : null,
});

describe("slaState", () => {
  it("is ok with time to spare, close within 15 minutes, due once passed, breached once the server says so", () => {
    expect(slaState(null, now)).toBeUndefined();
    expect(slaState(due(16), now)).toBe("ok");
    expect(slaState(due(15), now)).toBe("close");
    expect(slaState(due(0), now)).toBe("due");
    expect(slaState(due(-3), now)).toBe("due");
    expect(slaState(due(-3, true), now)).toBe("breached");
  });
});

describe("shortSpan", () => {
  it("reads minutes, hours and days", () => {
    expect(shortSpan(20_000)).toBe("1m");
    expect(shortSpan(45 * 60_000)).toBe("45m");
    expect(shortSpan(-190 * 60_000)).toBe("3h 10m");
    expect(shortSpan(120 * 60_000)).toBe("2h");
    expect(shortSpan(52 * 3_600_000)).toBe("2d 4h");
  });
});
