import { describe, expect, it } from "vitest";
import { parseMessageText } from "./whatsapp-format";

describe("parseMessageText", () => {
  it("keeps plain text as one part", () => {
    expect(parseMessageText("Hello, what time is check-in?")).toEqual([
      { kind: "text", text: "Hello, what time is check-in?" },
    ]);
  });

  it("renders WhatsApp bold, italic, strike and mono", () => {
    expect(parseMessageText("*Room 12* is _ready_, ~not~ ```late```")).toEqual([
      { kind: "bold", parts: [{ kind: "text", text: "Room 12" }] },
      { kind: "text", text: " is " },
      { kind: "italic", parts: [{ kind: "text", text: "ready" }] },
      { kind: "text", text: ", " },
      { kind: "strike", parts: [{ kind: "text", text: "not" }] },
      { kind: "text", text: " " },
      { kind: "mono", text: "late" },
    ]);
  });

  it("nests emphasis", () => {
    expect(parseMessageText("*very _nice_ stay*")).toEqual([
      {
        kind: "bold",
        parts: [
          { kind: "text", text: "very " },
          { kind: "italic", parts: [{ kind: "text", text: "nice" }] },
          { kind: "text", text: " stay" },
        ],
      },
    ]);
  });

  it("leaves markers that WhatsApp would not format as typed", () => {
    for (const text of ["2*3*4", "a * b * c", "snake_case_name", "* bold*", "*bold *", "**", "*", "*a\nb*"]) {
      expect(parseMessageText(text)).toEqual([{ kind: "text", text }]);
    }
  });

  it("makes http and https links and leaves sentence punctuation outside", () => {
    expect(parseMessageText("Map: https://maps.example.com/a_b_c?x=1. Thanks")).toEqual([
      { kind: "text", text: "Map: " },
      {
        kind: "link",
        href: "https://maps.example.com/a_b_c?x=1",
        text: "https://maps.example.com/a_b_c?x=1",
      },
      { kind: "text", text: ". Thanks" },
    ]);
    expect(parseMessageText("(http://hotel.test)")[1]).toEqual({
      kind: "link",
      href: "http://hotel.test/",
      text: "http://hotel.test",
    });
  });

  it("never links another scheme", () => {
    for (const text of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(document.cookie)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox",
      "file:///etc/passwd",
    ]) {
      expect(parseMessageText(text).some((p) => p.kind === "link")).toBe(false);
    }
  });

  it("keeps hostile markup as text", () => {
    const text = '<img src=x onerror="alert(1)"> <a href="javascript:alert(1)">*x*</a>';
    const parts = parseMessageText(text);
    expect(parts.some((p) => p.kind === "link")).toBe(false);
    expect(parts[0]).toEqual({
      kind: "text",
      text: '<img src=x onerror="alert(1)"> <a href="javascript:alert(1)">',
    });
  });

  it("does not link inside mono and does not format inside links", () => {
    expect(parseMessageText("```https://a.test *b*```")).toEqual([
      { kind: "mono", text: "https://a.test *b*" },
    ]);
    expect(parseMessageText("_https://a.test/x_y_")).toEqual([
      { kind: "text", text: "_" },
      { kind: "link", href: "https://a.test/x_y_", text: "https://a.test/x_y_" },
    ]);
  });

  it("survives long runs of markers without blowing up", () => {
    const text = "*_~".repeat(5000);
    expect(parseMessageText(text).length).toBeGreaterThan(0);
    const unclosed = `\`\`\`${"*a ".repeat(3000)}`;
    expect(
      parseMessageText(unclosed)
        .map((p) => (p.kind === "text" ? p.text : ""))
        .join(""),
    ).toBe(unclosed);
  });
});
