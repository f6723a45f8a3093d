import { describe, expect, it } from "vitest";
import { countSmsSegments } from "./sms-segments";

describe("countSmsSegments", () => {
  it("counts an empty text as no segment", () => {
    expect(countSmsSegments("")).toMatchObject({ encoding: "GSM-7", units: 0, segments: 0, remaining: 160 });
  });

  it("fits 160 GSM-7 characters in one segment and splits the 161st into 153-character parts", () => {
    expect(countSmsSegments("a".repeat(160))).toMatchObject({ segments: 1, remaining: 0 });
    expect(countSmsSegments("a".repeat(161))).toMatchObject({ segments: 2, perSegment: 153, remaining: 145 });
  });

  it("counts extension characters such as € and [ as two septets", () => {
    expect(countSmsSegments("€[")).toMatchObject({ encoding: "GSM-7", units: 4 });
  });

  it("switches to UCS-2 (70, then 67 per part) for any character outside GSM-7", () => {
    expect(countSmsSegments("Namaste 🙏")).toMatchObject({ encoding: "UCS-2", units: 10, segments: 1 });
    expect(countSmsSegments("ü".repeat(10) + "ś".repeat(61))).toMatchObject({
      encoding: "UCS-2",
      segments: 2,
      perSegment: 67,
    });
  });
});
