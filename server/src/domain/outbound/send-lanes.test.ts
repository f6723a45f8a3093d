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
