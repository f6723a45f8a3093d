import { describe, expect, it } from "vitest";
import { formatPhone } from "./phone";

describe("formatPhone", () => {
  it("groups stored numbers internationally", () => {
    expect(formatPhone("919845000098")).toBe("+91 98450 00098");
    expect(formatPhone("+919845000098")).toBe("+91 98450 00098");
    expect(formatPhone("447911123456")).toBe("+44 7911 123456");
    expect(formatPhone("14155550123")).toBe("+1 415 555 0123");
  });

  it("shows what it cannot read as stored, and nothing for no number", () => {
    expect(formatPhone("12")).toBe("+12");
    expect(formatPhone("abc")).toBe("+abc");
    expect(formatPhone(null)).toBe("");
    expect(formatPhone("")).toBe("");
  });
});
