import { describe, expect, it } from "vitest";
import { fillCannedReply, firstName, formatStayDate, pickLanguage } from "./fill-canned-reply";

describe("fillCannedReply", () => {
  it("fills known values, blanks and lists the empty ones once each, in order", () => {
    expect(
      fillCannedReply(
        "{{ guest.first_name }}: {{booking.reference}}, {{property.name}} {{booking.reference}}",
        {
          "guest.first_name": "Asha",
          "booking.reference": undefined,
          "property.name": "  ",
        },
      ),
    ).toEqual({ text: "Asha: ,  ", emptyVariables: ["booking.reference", "property.name"] });
  });
});

describe("pickLanguage", () => {
  const texts = { en: "Hello", hi: "नमस्ते", "pt-br": "Olá" };
  it("prefers the asked language, then the guest's, then the first; matches on the base language", () => {
    expect(pickLanguage(texts, ["hi", "en"])).toBe("hi");
    expect(pickLanguage(texts, ["fr", "hi"])).toBe("hi");
    expect(pickLanguage(texts, [undefined, "fr"])).toBe("en");
    expect(pickLanguage(texts, ["EN-IN"])).toBe("en");
    expect(pickLanguage(texts, ["pt"])).toBe("pt-br");
    expect(pickLanguage({}, ["en"])).toBeUndefined();
  });
});

describe("formatStayDate / firstName", () => {
  it("shows the booking's calendar date as written, whatever the server's zone", () => {
    expect(formatStayDate("2026-12-24", "en")).toBe("Thu, 24 Dec 2026");
    expect(formatStayDate("2026-01-01", "zz-invalid-locale-!")).toBe("Thu, 1 Jan 2026");
    expect(firstName("  Asha   Rao ")).toBe("Asha");
    expect(firstName("")).toBeUndefined();
  });
});
