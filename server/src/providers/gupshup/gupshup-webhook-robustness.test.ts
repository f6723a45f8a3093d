import { fixtureNames, fixtureRequest } from "@test/gupshup-fixtures";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGupshupWebhook } from "./gupshup-webhook";

// Callbacks are never rejected for their shape: whatever arrives becomes events, never an exception.

describe(`${parseGupshupWebhook.name} — robustness`, () => {
  it.each([
    ["an empty body", ""],
    ["broken JSON", '{"type":"message",'],
    ["plain text", "hello there"],
    ["a JSON string", '"message"'],
    ["a JSON number", "42"],
    ["an empty array", "[]"],
  ])("turns %s into one unsupported event", (_label, rawBody) => {
    const events = parseGupshupWebhook({ rawBody });
    expect(events).toHaveLength(1);
    expect(events[0]?.kind).toBe("unsupported");
  });

  it("flags bodies that cannot be read at all, and only those, as unreadable", () => {
    const unreadable = (rawBody: string) =>
      parseGupshupWebhook({ rawBody }).every((e) => e.kind === "unsupported" && e.unreadable === true);
    expect(unreadable('{"type":"message",')).toBe(true);
    expect(unreadable("")).toBe(true);
    expect(unreadable('{"type":"account-event","payload":{}}')).toBe(false);
    expect(unreadable("42")).toBe(false);
  });

  it("reads ids given as numbers as strings and tolerates missing inner payloads", () => {
    const body = {
      type: "message-event",
      payload: { id: 12345, type: "enqueued", destination: 919812345678 },
    };
    expect(parseGupshupWebhook({ rawBody: JSON.stringify(body) })).toEqual([
      {
        kind: "status",
        channel: "WHATSAPP",
        providerMessageId: "12345",
        status: "PENDING",
        providerStatus: "enqueued",
        recipient: "919812345678",
      },
    ]);
  });

  it("drops a timestamp no Date can hold instead of returning an Invalid Date", () => {
    const rawBody = JSON.stringify({
      type: "message-event",
      payload: { id: "gs-1", type: "sent", payload: { ts: "99999999999999999999999" } },
    });
    expect(parseGupshupWebhook({ rawBody })).toMatchObject([{ kind: "status", timestamp: undefined }]);
  });

  it("never throws and always returns at least one event, whatever the body", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify({ type: "message", payload: v })),
        ),
        (rawBody) => {
          const events = parseGupshupWebhook({ rawBody });
          expect(events.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads real callbacks with any one field replaced by junk through its lenient schemas", () => {
    const junk = [null, 5, "x", "", [], {}, true, [1, "a"]];
    let variants = 0;
    for (const name of fixtureNames().filter((n) => n.endsWith(".json"))) {
      const base = JSON.parse(fixtureRequest(name).rawBody) as unknown;
      for (const path of fieldPaths(base)) {
        for (const value of junk) {
          variants += 1;
          const events = parseGupshupWebhook({ rawBody: JSON.stringify(replaceAt(base, path, value)) });
          const lastResort = events.filter(
            (e) => e.kind === "unsupported" && e.reason.startsWith("unparseable"),
          );
          expect(lastResort, `${name} with ${path.join(".")} = ${JSON.stringify(value)}`).toEqual([]);
        }
      }
    }
    expect(variants).toBeGreaterThan(1000);
  });
});

/** Every path to a field inside a JSON value. */
function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    [...prefix, key],
    ...fieldPaths(inner, [...prefix, key]),
  ]);
}

function replaceAt(value: unknown, path: string[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined || !value || typeof value !== "object") return replacement;
  if (Array.isArray(value))
    return value.map((v, i) => (String(i) === head ? replaceAt(v, rest, replacement) : v));
  const copy: Record<string, unknown> = { ...value };
  copy[head] = replaceAt(copy[head], rest, replacement);
  return copy;
}
