import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, maskPhone, scrubLine } from "./logger";

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
    await new Promise((resolve) => setTimeout(resolve, 20));
    const all = lines.join("");
    expect(all).not.toContain("sk-live-123");
    expect(all).not.toContain("Your room is ready");
    expect(all).not.toContain("919876543210");
    expect(all).not.toContain("s3cret-token-value");
    expect(all).toContain("9198******10");
  });
});
