import { describe, expect, it } from "vitest";
import { csatSurveyList, readCsatRating } from "./csat-survey-content";

describe("readCsatRating", () => {
  it("reads a bare 1–5, with the little decorations people type", () => {
    for (const [text, rating] of [
      ["4", 4],
      [" 4 ", 4],
      ["5.", 5],
      ["3/5", 3],
      ["1!", 1],
    ] as const)
      expect(readCsatRating({ type: "text", text }), text).toBe(rating);
  });

  it("reads nothing from other text: a room number, a sentence, 0 or 6", () => {
    for (const text of ["14", "4 stars but the wifi", "0", "6", "room 4", ""])
      expect(readCsatRating({ type: "text", text }), text).toBeUndefined();
  });

  it("reads our list rows by payload and a template button by its leading digit", () => {
    expect(
      readCsatRating({ type: "reply", replyType: "list_reply", title: "4 - Good", payload: "csat-4" }),
    ).toBe(4);
    expect(readCsatRating({ type: "reply", replyType: "template_button", title: "5 - Great" })).toBe(5);
    expect(
      readCsatRating({ type: "reply", replyType: "button_reply", title: "Yes", payload: "yes" }),
    ).toBeUndefined();
  });

  it("fits WhatsApp's list limits: 5 rows, titles of at most 24 characters", () => {
    const list = csatSurveyList("How was it?");
    if (list.type !== "list") throw new Error("not a list");
    const rows = list.sections.flatMap((s) => s.rows);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.title.length <= 24)).toBe(true);
  });
});
