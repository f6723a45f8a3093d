import { ErrorResponse } from "@contract/errors";
import { createTestProperties } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 14, finding 7: a NUL byte in a search term reached PostgreSQL, which cannot store or compare
// one in text, and the answer was a 500. Every text query parameter of every GET route in the OpenAPI
// document is tried with one; each must answer 400 VALIDATION_FAILED, never reach SQL.

type Parameter = { in: string; name: string; schema?: { type?: string | string[] } };
type OpenApi = { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await buildTestApp();
  await createTestProperties(t, "GOA");
  admin = await apiKeyHeaders(t, "ADMIN");
});
afterAll(() => t.close());

const isText = (p: Parameter) => {
  const type = p.schema?.type;
  return (
    p.in === "query" &&
    (type === undefined || type === "string" || (Array.isArray(type) && type.includes("string")))
  );
};

describe("a NUL byte in a text query parameter", () => {
  it("answers 400 VALIDATION_FAILED on every GET route that takes one", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/docs/json" })).json() as OpenApi;
    const tried: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      const parameters = operations.get?.parameters ?? [];
      for (const parameter of parameters.filter(isText)) {
        const url = `${path.replace(/\{\w+\}/g, "1")}?${parameter.name}=a%00b`;
        const res = await t.app.inject({ method: "GET", url, headers: admin });
        expect([url, res.statusCode]).toEqual([url, 400]);
        expect(ErrorResponse.parse(res.json()).error.code).toBe("VALIDATION_FAILED");
        tried.push(`${path}?${parameter.name}`);
      }
    }
    expect(tried).toEqual(
      expect.arrayContaining([
        "/api/threads?search",
        "/api/contacts?search",
        "/api/messages?phone",
        "/api/audit?action",
        "/api/threads?cursor",
      ]),
    );
  });
});
