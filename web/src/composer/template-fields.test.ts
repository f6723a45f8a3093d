import { describe, expect, it } from "vitest";
import { formatStayDate, prefillValue, templateFields } from "./template-fields";

const kinds = (body: string, count: number) => templateFields(body, count).map((f) => f.kind);

describe("templateFields", () => {
  it("reads each placeholder's purpose from the words around it (the simulator's templates)", () => {
    expect(
      kinds(
        "Hello {{1}}, your booking {{2}} at {{3}} is confirmed for {{4}}. We look forward to welcoming you.",
        4,
      ),
    ).toEqual(["guestName", "bookingReference", "property", "checkIn"]);
    expect(kinds("Hi {{1}}, see you tomorrow at {{2}}! Check-in starts at {{3}}.", 3)).toEqual([
      "guestName",
      "property",
      undefined,
    ]);
    expect(kinds("Thank you for staying with us, {{1}}. How was your stay?", 1)).toEqual(["guestName"]);
    expect(kinds("Welcome to {{1}}, {{2}}! Show this message at the bar.", 2)).toEqual([
      "property",
      "guestName",
    ]);
    expect(kinds("Your check-out on {{1}} is at 11:00. Reservation no. {{2}}", 2)).toEqual([
      "checkOut",
      "bookingReference",
    ]);
  });

  it("labels unknown placeholders by number and shows each in its words", () => {
    const [field] = templateFields("Your code is {{1}} today", 1);
    expect(field).toEqual({ n: 1, kind: undefined, label: "Field 1", context: "Your code is {{1}} today" });
    expect(templateFields("Hello {{1}}, your booking {{2}} at {{3}}", 3)[1]?.context).toBe(
      "…your booking {{2}} at {{3}}",
    );
  });
});

describe("prefillValue", () => {
  const detail = {
    thread: { property: { id: 1, code: "GOA", name: "Pod & Beyond Goa" }, bookingReference: "DEMO-1005" },
    contact: { name: "Asha Rao" },
    booking: {
      id: 5,
      reference: "DEMO-1005",
      propertyId: 1,
      guestName: "Asha R",
      checkIn: "2026-12-08",
      checkOut: "2026-12-10",
      status: "CONFIRMED",
    },
  } as unknown as Parameters<typeof prefillValue>[1];

  it("fills name, reference, property and the stay's dates from the thread", () => {
    expect(prefillValue("guestName", detail)).toBe("Asha Rao");
    expect(prefillValue("bookingReference", detail)).toBe("DEMO-1005");
    expect(prefillValue("property", detail)).toBe("Pod & Beyond Goa");
    expect(prefillValue("checkIn", detail)).toBe("Tue, 8 Dec 2026");
    expect(prefillValue("checkOut", detail)).toBe("Thu, 10 Dec 2026");
    expect(prefillValue(undefined, detail)).toBe("");
  });

  it("a calendar date is the same day whatever the browser's zone", () => {
    expect(formatStayDate("2026-01-01")).toBe("Thu, 1 Jan 2026");
  });
});
