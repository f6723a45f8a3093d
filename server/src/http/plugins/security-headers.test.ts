import { sessionHeaders } from "@test/staff-session";
import { buildTestApp, type TestApp } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Scenario 22 (headers): the helmet set on every answer, frame-ancestors 'none', HSTS, nosniff, and
// no-store on API answers and pages.
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const HEADER_SET = [
  "content-security-policy",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
  "origin-agent-cluster",
  "referrer-policy",
  "strict-transport-security",
  "x-content-type-options",
  "x-dns-prefetch-control",
  "x-download-options",
  "x-frame-options",
  "x-permitted-cross-domain-policies",
  "x-xss-protection",
];

function securityHeaders(headers: Record<string, unknown>) {
  return Object.fromEntries(HEADER_SET.map((name) => [name, headers[name]]));
}

describe("security headers", () => {
  it("on the web app's pages: the full set, a CSP that forbids framing, and no-store", async () => {
    const res = await t.app.inject({ method: "GET", url: "/admin/communication-hub" });
    expect(securityHeaders(res.headers)).toMatchInlineSnapshot(`
      {
        "content-security-policy": "default-src 'self';base-uri 'self';font-src 'self';form-action 'self';frame-ancestors 'none';img-src 'self';object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-resource-policy": "same-origin",
        "origin-agent-cluster": "?1",
        "referrer-policy": "no-referrer",
        "strict-transport-security": "max-age=31536000; includeSubDomains",
        "x-content-type-options": "nosniff",
        "x-dns-prefetch-control": "off",
        "x-download-options": "noopen",
        "x-frame-options": "DENY",
        "x-permitted-cross-domain-policies": "none",
        "x-xss-protection": "0",
      }
    `);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });

  it("on API answers, errors included: the same set and no-store", async () => {
    const page = await t.app.inject({ method: "GET", url: "/admin/communication-hub" });
    const ok = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: await sessionHeaders(t) });
    const denied = await t.app.inject({ method: "GET", url: "/api/auth/me" });
    for (const res of [ok, denied]) {
      expect(securityHeaders(res.headers)).toEqual(securityHeaders(page.headers));
      expect(res.headers["cache-control"]).toBe("no-store");
    }
    expect(denied.statusCode).toBe(401);
  });
});
