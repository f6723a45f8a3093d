import { describe, expect, it } from "vitest";
import { countSmsSegments } from "./sms-segments";

describe(countSmsSegments.name, () => {
  it.each([
    ["", "GSM-7", 1],
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
});
