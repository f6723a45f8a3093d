import { describe, expect, it } from "vitest";
import { countryChoices, readTypedPhone } from "./typed-phone";

// The dialog's check must agree with the server's normalizePhone: same canonical digits, same refusals.
describe("readTypedPhone", () => {
  it("reads a national number in the chosen country and keeps a typed country code", () => {
    expect(readTypedPhone("098450 00098", "IN")).toEqual({
      digits: "919845000098",
      display: "+91 98450 00098",
    });
    expect(readTypedPhone("9845000098", "IN")?.digits).toBe("919845000098");
    expect(readTypedPhone("07700 900123", "GB")?.digits).toBe("447700900123");
    expect(readTypedPhone("+44 7700 900123", "IN")?.digits).toBe("447700900123");
    expect(readTypedPhone("0044 7700 900123", "IN")?.digits).toBe("447700900123");
    // A range newer than the metadata, written with its country code, is kept as typed.
    expect(readTypedPhone("+57 123456789", "IN")?.digits).toBe("57123456789");
  });

  it("refuses what cannot be a phone number", () => {
    for (const text of ["", "call me", "12", "+1 2"]) expect(readTypedPhone(text, "IN")).toBeUndefined();
  });

  it("offers every country with its calling code", () => {
    const choices = countryChoices();
    expect(choices.find((c) => c.code === "IN")?.label).toMatch(/\(\+91\)$/);
    expect(choices.length).toBeGreaterThan(200);
  });
});
