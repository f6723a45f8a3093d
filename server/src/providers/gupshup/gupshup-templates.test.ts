import type { ServerResponse } from "node:http";
import { type ScriptedServer, startScriptedServer } from "@test/scripted-server";
import { afterEach, describe, expect, it } from "vitest";
import { countParams } from "./gupshup-templates";
import { createGupshupWhatsappProvider } from "./gupshup-whatsapp";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function listAgainst(answer: (res: ServerResponse) => void, timeoutMs = 2000) {
  server = await startScriptedServer((_req, res) => answer(res));
  const provider = createGupshupWhatsappProvider({
    apiKey: "k",
    appName: "Demo App",
    source: "917834811114",
    baseUrl: server.url,
    timeoutMs,
  });
  return provider.listTemplates();
}
const reply = (status: number, body: unknown) => (res: ServerResponse) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
};

const gupshupTemplate = {
  appId: "a",
  category: "UTILITY",
  createdOn: 1700000000000,
  data: "Hi {{1}}, booking {{2}} is confirmed. | [Call us,+919100000000]",
  elementName: "booking_ok",
  id: "c6aecef6-bcb0-4fb1-8100-28c094e3bc6b",
  languageCode: "en_US",
  status: "APPROVED",
  templateType: "TEXT",
  vertical: "Hotel",
};

describe("listTemplates", () => {
  it("GETs /sm/api/v1/template/list/{appName} with the apikey and maps Gupshup's fields", async () => {
    const result = await listAgainst(
      reply(200, { status: "success", templates: [gupshupTemplate, { junk: true }] }),
    );
    expect(server?.received[0]).toMatchObject({ method: "GET", path: "/sm/api/v1/template/list/Demo%20App" });
    expect(server?.received[0]?.headers.apikey).toBe("k");
    expect(result).toEqual({
      kind: "ok",
      templates: [
        {
          id: "c6aecef6-bcb0-4fb1-8100-28c094e3bc6b",
          elementName: "booking_ok",
          language: "en_US",
          category: "UTILITY",
          body: gupshupTemplate.data,
          paramCount: 2,
          status: "APPROVED",
          templateType: "TEXT",
        },
      ],
    });
  });

  it("reads a bare array too", async () => {
    const result = await listAgainst(reply(200, [gupshupTemplate]));
    expect(result.kind === "ok" && result.templates.map((t) => t.elementName)).toEqual(["booking_ok"]);
  });

  it("classifies failures: bad key rejected, 5xx and no answer retryable (a GET is safe to repeat)", async () => {
    expect(
      await listAgainst(reply(401, { status: "error", message: "Authentication Failed" })),
    ).toMatchObject({
      kind: "rejected",
      code: "AUTH_FAILED",
    });
    expect(await listAgainst(reply(502, "<html/>"))).toMatchObject({ kind: "retryable", code: "HTTP_502" });
    expect(await listAgainst(() => {}, 150)).toMatchObject({ kind: "retryable", code: "NO_ANSWER" });
    expect(await listAgainst(reply(200, "<html/>"))).toMatchObject({
      kind: "retryable",
      code: "UNREADABLE_RESPONSE",
    });
  });
});

describe(countParams.name, () => {
  it("counts up to the highest {{n}} placeholder", () => {
    expect(countParams("no params")).toBe(0);
    expect(countParams("{{1}} and {{ 3 }} and {{2}} and {{1}}")).toBe(3);
  });
});
