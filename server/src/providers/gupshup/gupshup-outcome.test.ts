import { describe, expect, it } from "vitest";
import type { HttpFailure } from "./gupshup-http";
import { classifyTransportFailure, parseRetryAfter } from "./gupshup-outcome";

const failure = (over: Partial<HttpFailure>): HttpFailure => ({
  kind: "failure",
  sent: false,
  cause: "error",
  message: "boom",
  ...over,
});

describe(classifyTransportFailure.name, () => {
  it.each<[Partial<HttpFailure>, string]>([
    [{ code: "ECONNREFUSED" }, "CONNECTION_REFUSED"],
    [{ code: "ENOTFOUND" }, "DNS_FAILURE"],
    [{ code: "EAI_AGAIN" }, "DNS_FAILURE"],
    [{ code: "ECONNRESET" }, "CONNECTION_RESET"],
    [{ code: "EPIPE" }, "CONNECTION_RESET"],
    [{ code: "EHOSTUNREACH" }, "NETWORK_UNREACHABLE"],
    [{ code: "CERT_HAS_EXPIRED" }, "TLS_FAILURE"],
    [{ code: "ERR_TLS_CERT_ALTNAME_INVALID" }, "TLS_FAILURE"],
    [{ code: "EWHATEVER" }, "NETWORK_ERROR"],
    [{ cause: "timeout" }, "CONNECT_TIMEOUT"],
    [{ cause: "aborted" }, "ABORTED"],
  ])("retries %o before the request was sent as %s", (over, code) => {
    expect(classifyTransportFailure(failure(over), "api.gupshup.io")).toMatchObject({
      kind: "retryable",
      code,
    });
  });

  it.each<Partial<HttpFailure>>([
    { cause: "timeout", message: "no answer within 10000 ms" },
    { code: "ECONNRESET" },
    { cause: "aborted" },
  ])("calls %o after the request was sent ambiguous", (over) => {
    const result = classifyTransportFailure(failure({ ...over, sent: true }), "api.gupshup.io");
    expect(result.kind).toBe("ambiguous");
    expect(result.reason).toContain("after the request was sent to api.gupshup.io");
  });
});

describe(parseRetryAfter.name, () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it("reads delay-seconds and HTTP-dates, never negative", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(["3", "9"], now)).toBe(3000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
