import { describe, expect, it } from "vitest";
import { fillTemplate, missingParams } from "./template-preview";

describe("fillTemplate", () => {
  it("puts each parameter in its placeholder and leaves empty ones visible", () => {
    expect(fillTemplate("Hi {{1}}, booking {{2}} at {{ 3 }}", ["Asha", "", "Goa"])).toBe(
      "Hi Asha, booking {{2}} at Goa",
    );
  });

  it("lists the parameters still to fill", () => {
    expect(missingParams(3, ["Asha", " "])).toEqual([2, 3]);
  });
});
