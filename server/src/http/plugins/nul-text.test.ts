import { ErrorResponse } from "@contract/errors";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
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

type Operations = Record<string, { requestBody?: { content?: Record<string, unknown> } }>;

// The same for JSON bodies: a NUL anywhere in one (a note's text, a template parameter, a key) is a
// 400 before the route's schema or any SQL sees it.
describe("a NUL byte in a JSON body", () => {
  it("answers 400 VALIDATION_FAILED on every route that takes a JSON body", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/docs/json" })).json() as {
      paths: Record<string, Operations>;
    };
    const tried: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!operation.requestBody?.content?.["application/json"]) continue;
        const url = path.replace(/\{\w+\}/g, "1");
        const res = await t.app.inject({
          method: method.toUpperCase() as "POST",
          url,
          headers: { ...admin, "content-type": "application/json" },
          payload: JSON.stringify({ text: "a\u0000b", nested: [{ note: "ok" }] }),
        });
        expect([method, url, res.statusCode]).toEqual([method, url, 400]);
        expect(ErrorResponse.parse(res.json()).error).toMatchObject({
          code: "VALIDATION_FAILED",
          message: expect.stringContaining("text"),
        });
        tried.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(tried).toEqual(
      expect.arrayContaining([
        "POST /api/messages/send",
        "POST /api/threads/{id}/reply",
        "PATCH /api/contacts/{id}",
      ]),
    );
  });

  it("stores nothing from a body that would otherwise be valid", async () => {
    const { contact } = await addDemoMessage(t.ctx(), {
      phone: "919800000071",
      name: "Asha Rao",
      channel: "WHATSAPP",
      direction: "INBOUND",
      text: "hello",
      at: new Date(),
    });
    const res = await t.app.inject({
      method: "PATCH",
      url: `/api/contacts/${contact.id}`,
      headers: admin,
      payload: { name: "Asha\u0000Rao" },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(ErrorResponse.parse(res.json()).error).toMatchObject({ code: "VALIDATION_FAILED" });
    const after = await t.app.inject({ method: "GET", url: `/api/contacts/${contact.id}`, headers: admin });
    expect(after.json()).toMatchObject({ contact: { name: "Asha Rao" } });
  });
});
