import { AppError } from "@server/errors";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeInternationalPhone, normalizePhone } from "./normalize-phone";

describe(normalizePhone.name, () => {
  it.each([
    ["+91 98765 43210", "919876543210"],
    ["9876543210", "919876543210"],
    ["98765-43210", "919876543210"],
    ["98765 43210", "919876543210"],
    ["098765 43210", "919876543210"],
    ["09876543210", "919876543210"],
    ["919876543210", "919876543210"],
    ["0091 98765 43210", "919876543210"],
    ["+1 (415) 555-1234", "14155551234"],
    ["14155551234", "14155551234"],
    ["918198112114", "918198112114"],
    ["+57 123456789", "57123456789"],
    ["0057123456789", "57123456789"],
  ])("reads %s as %s under an IN default", (input, expected) => {
    expect(normalizePhone(input, "IN")).toBe(expected);
  });

  it("reads national numbers in the configured country", () => {
    expect(normalizePhone("(415) 555-1234", "US")).toBe("14155551234");
  });

  it.each([[""], ["   "], ["abc"], ["12"], ["+9876"], ["+1234567890123456"], [undefined], [null]])(
    "refuses %j with INVALID_PHONE",
    (input) => {
      expect(() => normalizePhone(input, "IN")).toThrow(AppError);
      try {
        normalizePhone(input, "IN");
      } catch (err) {
        expect(err instanceof AppError && err.code).toBe("INVALID_PHONE");
      }
    },
  );
});

describe(normalizeInternationalPhone.name, () => {
  it("keeps any international digits as given, whatever the metadata thinks of them", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{6,14}$/), (digits) => {
        expect(normalizeInternationalPhone(digits)).toBe(digits);
        expect(normalizeInternationalPhone(`+${digits}`)).toBe(digits);
      }),
    );
    // normalizePhone would read these in the default country: 9157123456789, a different person.
    expect(normalizeInternationalPhone("57123456789")).toBe("57123456789");
    expect(normalizePhone("57123456789", "IN")).not.toBe("57123456789");
  });

  it.each([[""], ["abc"], ["1234567890123456"], [undefined]])("refuses %j with INVALID_PHONE", (input) => {
    expect(() => normalizeInternationalPhone(input)).toThrow(/phone/);
  });
});
