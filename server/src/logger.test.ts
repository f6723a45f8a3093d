import { PassThrough } from "node:stream";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it, vi } from "vitest";
import { createLogger, maskPhone, scrubLine, serializeError } from "./logger";

describe(maskPhone.name, () => {
  it("keeps the first four and last two digits", () => {
    expect(maskPhone("919876543210")).toBe("9198******10");
    expect(maskPhone("+1 (415) 555-1234")).toBe("1415*****34");
    expect(maskPhone("")).toBe("");
  });
});

describe(scrubLine.name, () => {
  it("masks phone-like digit runs but leaves ISO timestamps and short numbers alone", () => {
    expect(scrubLine('{"time":"2026-11-25T12:00:00.000Z","to":"+919876543210","n":42}')).toBe(
      '{"time":"2026-11-25T12:00:00.000Z","to":"9198******10","n":42}',
    );
  });
});

describe("scrubLine on numbers written for people", () => {
  it("masks a +-prefixed number with spaces, dashes or brackets", () => {
    expect(scrubLine("guest +91 98765 43210 wrote")).toBe("guest 9198******10 wrote");
    expect(scrubLine("call +1 (415) 555-1234")).toBe("call 1415*****34");
    expect(scrubLine("room +12 and 3 guests")).toBe("room +12 and 3 guests");
  });
});

describe(serializeError.name, () => {
  it("drops a failed query's bound parameters from the error, its message and stack", () => {
    const err = new DrizzleQueryError(
      'insert into "messages" ("to", "text") values ($1, $2)',
      ["919876543210", "Your room 214 is ready, Mr Rao"],
      new Error("duplicate key value violates unique constraint"),
    );
    const out = JSON.stringify(serializeError(err));
    expect(out).not.toContain("Your room 214 is ready");
    expect(out).not.toContain("919876543210");
    expect(out).toContain("[parameters not logged]");
    expect(out).toContain("duplicate key value");
  });
});

describe(createLogger.name, () => {
  it("redacts secrets and message bodies, and masks numbers inside free text", async () => {
    const out = new PassThrough();
    const lines: string[] = [];
    out.on("data", (chunk) => lines.push(chunk.toString()));
    const log = createLogger("info", out);
    log.info(
      { apiKey: "sk-live-123", text: "Your room is ready", phone: "919876543210" },
      "sent to 919876543210",
    );
    log.info({ req: { url: "/webhooks/gupshup?token=s3cret-token-value", method: "POST" } }, "webhook");
    log.error({ err: new DrizzleQueryError("select $1", ["Your room is ready"]) }, "query failed");
    log.info({ user: { passwordHash: "$argon2id$v=19$m=19456", csrfToken: "csrf-value-123" } }, "user");
    // Lines arrive in order: once the last one is there, every negative check below looks at all four.
    await vi.waitFor(() => expect(lines.join("")).toContain('"msg":"user"'));
    const all = lines.join("");
    expect(all).not.toContain("sk-live-123");
    expect(all).not.toContain("Your room is ready");
    expect(all).not.toContain("919876543210");
    expect(all).not.toContain("s3cret-token-value");
    expect(all).not.toContain("$argon2id$");
    expect(all).not.toContain("csrf-value-123");
    expect(all).toContain("9198******10");
  });
});
