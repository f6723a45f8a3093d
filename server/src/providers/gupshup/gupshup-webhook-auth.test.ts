import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticateWebhook, ipAllowed, safeEqual } from "./gupshup-webhook-auth";

const secret = "a-webhook-secret-of-32-characters";
const rawBody = '{"app":"DemoApp","type":"message-event","payload":{"id":"1","type":"sent"}}';
const sign = (body: string, key = secret) => `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
const request = (over: Partial<Parameters<typeof authenticateWebhook>[0]> = {}) => ({
  headers: {},
  rawBody,
  sourceIp: "203.0.113.7",
  ...over,
});
const open = { secret, allowedIps: [] };

describe(authenticateWebhook.name, () => {
  it("accepts the secret as ?token= (parsed or raw query)", () => {
    expect(authenticateWebhook(request({ query: { token: secret } }), open)).toEqual({
      ok: true,
      via: "token",
    });
    expect(authenticateWebhook(request({ query: `a=1&token=${secret}` }), open)).toEqual({
      ok: true,
      via: "token",
    });
  });

  it("accepts Authorization: Bearer <secret>, header names in any case", () => {
    const headers = { Authorization: `Bearer ${secret}` };
    expect(authenticateWebhook(request({ headers }), open)).toEqual({ ok: true, via: "bearer" });
  });

  it("accepts an X-Hub-Signature-256 HMAC of the raw body, and only of that body", () => {
    const good = { "x-hub-signature-256": sign(rawBody) };
    expect(authenticateWebhook(request({ headers: good }), open)).toEqual({ ok: true, via: "signature" });
    const tampered = request({ headers: good, rawBody: rawBody.replace("sent", "read") });
    expect(authenticateWebhook(tampered, open).ok).toBe(false);
    const buffer = request({ headers: good, rawBody: Buffer.from(rawBody) });
    expect(authenticateWebhook(buffer, open).ok).toBe(true);
  });

  it("rejects wrong, shorter, longer and missing credentials with a reason", () => {
    for (const token of ["wrong", `${secret}x`, secret.slice(0, -1), ""]) {
      expect(authenticateWebhook(request({ query: { token } }), open)).toEqual({
        ok: false,
        reason: "webhook credentials do not match GUPSHUP_WEBHOOK_SECRET",
      });
    }
    expect(authenticateWebhook(request({ headers: { authorization: "Bearer nope" } }), open).ok).toBe(false);
    expect(
      authenticateWebhook(request({ headers: { "x-hub-signature-256": sign(rawBody, "other") } }), open).ok,
    ).toBe(false);
    expect(authenticateWebhook(request(), open)).toEqual({
      ok: false,
      reason: "no webhook credentials (token, bearer or signature)",
    });
  });

  it("lets everything through when no secret is configured (the caller decides if that is allowed)", () => {
    expect(authenticateWebhook(request(), { allowedIps: [] })).toEqual({ ok: true, via: "none" });
  });

  it("checks the source address before the secret when an allowlist is set", () => {
    const options = { secret, allowedIps: ["10.0.0.0/8", "2001:db8::/32", "198.51.100.4"] };
    const withToken = { query: { token: secret } };
    expect(authenticateWebhook(request({ ...withToken, sourceIp: "10.20.30.40" }), options).ok).toBe(true);
    expect(authenticateWebhook(request({ ...withToken, sourceIp: "::ffff:10.1.1.1" }), options).ok).toBe(
      true,
    );
    expect(authenticateWebhook(request({ ...withToken, sourceIp: "2001:db8:1::5" }), options).ok).toBe(true);
    expect(authenticateWebhook(request({ ...withToken, sourceIp: "198.51.100.4" }), options).ok).toBe(true);
    expect(authenticateWebhook(request({ ...withToken, sourceIp: "203.0.113.7" }), options)).toEqual({
      ok: false,
      reason: "source address is not in GUPSHUP_WEBHOOK_IPS",
    });
    expect(authenticateWebhook(request({ ...withToken, sourceIp: undefined }), options).ok).toBe(false);
  });
});

describe(ipAllowed.name, () => {
  it("matches IPv4 and IPv6 ranges and single addresses, and ignores malformed entries", () => {
    expect(ipAllowed("192.168.1.9", ["192.168.1.0/24"])).toBe(true);
    expect(ipAllowed("192.168.2.9", ["192.168.1.0/24"])).toBe(false);
    expect(ipAllowed("::1", ["::1"])).toBe(true);
    expect(ipAllowed("2001:db9::1", ["2001:db8::/32"])).toBe(false);
    expect(ipAllowed("10.0.0.1", ["10.0.0.0/40", "not-an-ip"])).toBe(false);
    expect(ipAllowed("garbage", ["0.0.0.0/0"])).toBe(false);
  });
});

describe(safeEqual.name, () => {
  it("compares strings of any length without throwing", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
    expect(safeEqual("é", "e\u0301")).toBe(false);
  });
});
