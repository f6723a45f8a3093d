import { DraftListResponse } from "@contract/composer";
import { composerDrafts } from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { createProperty } from "@test/factories";
import { createTestStaff, type SignedIn, signIn } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Drafts are kept on the server per person, thread and channel: a second session of the same person
// finds them, a colleague never does, a member of another property gets the thread routes' 404.
let t: TestApp;
let ravi: SignedIn["headers"];
let raviOnPhone: SignedIn["headers"];
let meera: SignedIn["headers"];
let outsider: SignedIn["headers"];
let threadId: number;

beforeAll(async () => {
  t = await buildTestApp();
  await createProperty(t.database.db, { code: "GOA", isDefault: true, whatsappNumber: "917000000001" });
  await createProperty(t.database.db, { code: "BLR", whatsappNumber: "917000000002" });
  const raviStaff = await createTestStaff(t, { propertyCodes: ["GOA"] });
  ravi = (await signIn(t, raviStaff)).headers;
  raviOnPhone = (await signIn(t, raviStaff)).headers;
  meera = (await signIn(t, await createTestStaff(t, { propertyCodes: ["GOA"] }))).headers;
  outsider = (await signIn(t, await createTestStaff(t, { propertyCodes: ["BLR"] }))).headers;
  threadId = (
    await addDemoMessage(t.ctx(), {
      phone: "919800000021",
      channel: "WHATSAPP",
      direction: "INBOUND",
      text: "Is breakfast included?",
      at: new Date(),
    })
  ).thread.id;
});
afterAll(() => t.close());

const call = (method: "GET" | "PUT" | "DELETE" | "POST", url: string, headers: object, payload?: object) =>
  t.app.inject({ method, url, headers: headers as Record<string, string>, payload });
const draftsOf = async (headers: object) => {
  const res = await call("GET", `/api/threads/${threadId}/drafts`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return DraftListResponse.parse(res.json()).drafts;
};

describe("composer drafts", () => {
  it("keeps one draft per channel for the person, on every device, and for nobody else", async () => {
    const whatsapp = { text: "Breakfast is from 7 to 10", template: null, attachment: null };
    const sms = { text: "", template: { templateId: 3, params: ["Asha", "GOA-1"] } };
    expect((await call("PUT", `/api/threads/${threadId}/drafts/WHATSAPP`, ravi, whatsapp)).statusCode).toBe(
      200,
    );
    expect((await call("PUT", `/api/threads/${threadId}/drafts/SMS`, ravi, sms)).statusCode).toBe(200);
    const onPhone = await draftsOf(raviOnPhone);
    expect(onPhone.map((d) => [d.channel, d.body.text, d.body.template?.params])).toEqual(
      expect.arrayContaining([
        ["WHATSAPP", "Breakfast is from 7 to 10", undefined],
        ["SMS", "", ["Asha", "GOA-1"]],
      ]),
    );
    expect(onPhone).toHaveLength(2);
    expect(await draftsOf(meera)).toEqual([]);

    const edited = await call("PUT", `/api/threads/${threadId}/drafts/WHATSAPP`, raviOnPhone, {
      text: "Edited",
    });
    expect(edited.statusCode).toBe(200);
    expect((await draftsOf(ravi)).find((d) => d.channel === "WHATSAPP")?.body.text).toBe("Edited");
  });

  it("clears a draft whose text is emptied, and on DELETE", async () => {
    await call("PUT", `/api/threads/${threadId}/drafts/WHATSAPP`, meera, { text: "Hello" });
    const emptied = await call("PUT", `/api/threads/${threadId}/drafts/WHATSAPP`, meera, { text: "  " });
    expect(emptied.statusCode).toBe(204);
    expect(await draftsOf(meera)).toEqual([]);
    await call("PUT", `/api/threads/${threadId}/drafts/SMS`, meera, { text: "Hello" });
    expect((await call("DELETE", `/api/threads/${threadId}/drafts/SMS`, meera)).statusCode).toBe(204);
    expect(await draftsOf(meera)).toEqual([]);
  });

  it("is cleared by sending on that channel, and only that channel", async () => {
    await call("PUT", `/api/threads/${threadId}/drafts/SMS`, ravi, { text: "Parking is free" });
    await call("PUT", `/api/threads/${threadId}/drafts/WHATSAPP`, ravi, { text: "Still writing" });
    const sent = await call("POST", `/api/threads/${threadId}/reply`, ravi, {
      channel: "SMS",
      message: "Parking is free",
    });
    expect([200, 202], sent.body).toContain(sent.statusCode);
    expect((await draftsOf(ravi)).map((d) => d.channel)).toEqual(["WHATSAPP"]);
  });

  it("answers a member of another property 404 and changes nothing", async () => {
    const before = await t.database.db.select().from(composerDrafts);
    for (const [method, url, body] of [
      ["GET", `/api/threads/${threadId}/drafts`],
      ["PUT", `/api/threads/${threadId}/drafts/WHATSAPP`, { text: "mine now" }],
      ["DELETE", `/api/threads/${threadId}/drafts/WHATSAPP`],
    ] as const) {
      const res = await call(method, url, outsider, body);
      expect([method, res.statusCode]).toEqual([method, 404]);
      expect(res.body).not.toContain("Still writing");
    }
    expect(await t.database.db.select().from(composerDrafts)).toEqual(before);
    expect((await call("GET", "/api/threads/999999/drafts", ravi)).statusCode).toBe(404);
  });

  it("refuses an API key (drafts belong to a person) and a channel that is not one", async () => {
    const key = await apiKeyHeaders(t, "MANAGER", ["GOA"]);
    const res = await call("GET", `/api/threads/${threadId}/drafts`, key);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/signed-in staff member/);
    const email = await call("PUT", `/api/threads/${threadId}/drafts/EMAIL`, ravi, { text: "x" });
    expect(email.statusCode).toBe(400);
    expect(email.json().error.code).toBe("VALIDATION_FAILED");
  });
});
