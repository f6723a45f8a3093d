import { AppError } from "@server/errors";
import { describe, expect, it } from "vitest";
import { normalizePhone } from "./normalize-phone";

describe(normalizePhone.name, () => {
  it.each([
    ["+91 98765 43210", "919876543210"],
    ["9876543210", "919876543210"],
    ["98765-43210", "919876543210"],
    ["098765 43210", "919876543210"],
    ["09876543210", "919876543210"],
    ["919876543210", "919876543210"],
    ["0091 98765 43210", "919876543210"],
    ["+1 (415) 555-1234", "14155551234"],
    ["14155551234", "14155551234"],
    ["918198112114", "918198112114"],
  ])("reads %s as %s under an IN default", (input, expected) => {
    expect(normalizePhone(input, "IN")).toBe(expected);
  });

  it("reads national numbers in the configured country", () => {
    expect(normalizePhone("(415) 555-1234", "US")).toBe("14155551234");
  });

  it.each([[""], ["   "], ["abc"], ["12"], ["+9876"], [undefined], [null]])(
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
