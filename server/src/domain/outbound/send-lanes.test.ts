import { describe, expect, it } from "vitest";
import { SendLanes } from "./send-lanes";

describe(SendLanes.name, () => {
  it("lets a burst of `rate` through, then one send per 1/rate seconds", () => {
    let now = 0;
    const lanes = new SendLanes(10, () => now);
    const immediate = Array.from({ length: 10 }, () => lanes.take("WHATSAPP:1"));
    expect(immediate).toEqual(Array(10).fill(0));
    expect(lanes.take("WHATSAPP:1")).toBe(100);
    now += 100;
    expect(lanes.take("WHATSAPP:1")).toBe(0);
    expect(lanes.take("WHATSAPP:1")).toBe(100);
  });

  it("drains 1,000 queued sends at the configured rate, not faster", () => {
    let now = 0;
    const lanes = new SendLanes(80, () => now);
    let sent = 0;
    while (sent < 1000) {
      const wait = lanes.take("WHATSAPP:1");
      if (wait === 0) sent++;
      else now += wait;
    }
    // 80 go at once, the other 920 at 80 a second.
    expect(now).toBeGreaterThanOrEqual(Math.floor((920 / 80) * 1000) - 1);
    expect(now).toBeLessThanOrEqual(Math.ceil((920 / 80) * 1000) + 920);
  });

  it("pauses one lane for a Retry-After, leaving the others alone", () => {
    let now = 0;
    const lanes = new SendLanes(80, () => now);
    lanes.pause("WHATSAPP:1", 3000);
    expect(lanes.take("WHATSAPP:1")).toBe(3000);
    expect(lanes.take("SMS:HOTELS")).toBe(0);
    now += 3000;
    expect(lanes.take("WHATSAPP:1")).toBe(0);
  });
});

describe("the lane's circuit breaker", () => {
  it("opens after 5 failures in a row, lets one probe through after the reset, and closes on success", () => {
    let now = 0;
    const lanes = new SendLanes(80, () => now, { breakerFailures: 5, breakerResetMs: 30_000 });
    for (let i = 0; i < 4; i++) lanes.record("WHATSAPP:1", "failing");
    expect(lanes.take("WHATSAPP:1")).toBe(0);
    lanes.record("WHATSAPP:1", "failing");
    expect(lanes.take("WHATSAPP:1")).toBe(30_000);

    now += 30_000;
    expect(lanes.take("WHATSAPP:1")).toBe(0); // the probe
    expect(lanes.take("WHATSAPP:1")).toBeGreaterThan(0); // nobody else while it is out
    lanes.record("WHATSAPP:1", "failing");
    expect(lanes.take("WHATSAPP:1")).toBe(30_000); // failed probe: open again

    now += 30_000;
    expect(lanes.take("WHATSAPP:1")).toBe(0);
    lanes.record("WHATSAPP:1", "healthy");
    expect([lanes.take("WHATSAPP:1"), lanes.take("WHATSAPP:1")]).toEqual([0, 0]);
  });

  it("ignores neutral outcomes (a 429 pauses the lane instead) and success resets the count", () => {
    const lanes = new SendLanes(80, () => 0, { breakerFailures: 2 });
    lanes.record("SMS:X", "failing");
    lanes.record("SMS:X", "neutral");
    lanes.record("SMS:X", "healthy");
    lanes.record("SMS:X", "failing");
    expect(lanes.take("SMS:X")).toBe(0);
  });
});
