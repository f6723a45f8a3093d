import { afterEach, describe, expect, it, vi } from "vitest";
import { coalescePerKey } from "./coalesce-per-key";

describe(coalescePerKey.name, () => {
  afterEach(() => vi.useRealTimers());

  it("sends the first call at once, folds a burst into one trailing call, and keeps keys apart", () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const wake = coalescePerKey(5, (key) => sent.push(key));
    wake.call("a");
    expect(sent).toEqual(["a"]);
    for (let i = 0; i < 100; i++) wake.call("a");
    wake.call("b");
    expect(sent).toEqual(["a", "b"]);
    vi.advanceTimersByTime(5);
    // the burst on "a" went out once at the end of the interval; "b" had nothing more to send
    expect(sent).toEqual(["a", "b", "a"]);
    vi.advanceTimersByTime(5);
    expect(sent).toEqual(["a", "b", "a"]);
    wake.call("a");
    expect(sent).toEqual(["a", "b", "a", "a"]);
    wake.stop();
  });

  it("sends nothing more after stop", () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const wake = coalescePerKey(5, (key) => sent.push(key));
    wake.call("a");
    wake.call("a");
    wake.stop();
    vi.advanceTimersByTime(50);
    expect(sent).toEqual(["a"]);
  });
});
