import { describe, expect, it } from "vitest";
import { countSmsSegments, isGsm7 } from "./sms-segments";

describe(countSmsSegments.name, () => {
  it.each([
    ["", "GSM-7", 0],
    ["x", "GSM-7", 1],
    ["x".repeat(160), "GSM-7", 1],
    ["x".repeat(161), "GSM-7", 2],
    ["x".repeat(306), "GSM-7", 2],
    ["x".repeat(307), "GSM-7", 3],
    // € and [ ] take two septets each.
    ["€".repeat(80), "GSM-7", 1],
    ["€".repeat(81), "GSM-7", 2],
    ["é".repeat(160), "GSM-7", 1],
    // One character outside GSM-7 makes the whole message UCS-2.
    [`${"x".repeat(69)}₹`, "UCS-2", 1],
    [`${"x".repeat(70)}₹`, "UCS-2", 2],
    ["नमस्ते".repeat(23), "UCS-2", 3],
  ])("counts %j as %s in %i segment(s)", (text, encoding, segments) => {
    expect(countSmsSegments(text)).toMatchObject({ encoding, segments });
  });

  it("counts an empty text as no segment: there is nothing to submit or bill", () => {
    expect(countSmsSegments("")).toEqual({
      encoding: "GSM-7",
      units: 0,
      segments: 0,
      remaining: 160,
      perSegment: 160,
    });
  });

  it("says how many units are left in the last segment, and the per-part size once split", () => {
    expect(countSmsSegments("a".repeat(160))).toMatchObject({ segments: 1, remaining: 0, perSegment: 160 });
    expect(countSmsSegments("a".repeat(161))).toMatchObject({ segments: 2, perSegment: 153, remaining: 145 });
  });

  it("counts extension characters in septets and UCS-2 in UTF-16 units (an emoji is two)", () => {
    expect(countSmsSegments("€[")).toMatchObject({ encoding: "GSM-7", units: 4 });
    expect(countSmsSegments("Namaste 🙏")).toMatchObject({ encoding: "UCS-2", units: 10, segments: 1 });
    expect(countSmsSegments("ü".repeat(10) + "ś".repeat(61))).toMatchObject({
      encoding: "UCS-2",
      segments: 2,
      perSegment: 67,
    });
  });
});

describe(isGsm7.name, () => {
  it("accepts the basic set and the extension table, nothing else", () => {
    expect(isGsm7("Hello @ £5 {ok} [x] ~ € ^ | \\ Ü")).toBe(true);
    expect(isGsm7("Hello @ £5 {ok} [x] ~ € ^ | \\ Ünïcödé?")).toBe(false);
    expect(isGsm7("Room 12 ✓")).toBe(false);
    expect(isGsm7("")).toBe(true);
  });
});
