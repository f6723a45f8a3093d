import { RealtimeEvent } from "@contract/events";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { createProperty, uniquePhone } from "@test/factories";
import { openSse } from "@test/sse-client";
import { createTestStaff, signIn } from "@test/staff-session";
import { buildTestApp, type TestApp } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A draft saved or cleared on one device tells the same person's other sessions, and nobody else.

let t: TestApp;
let baseUrl: string;
let ravi: Record<string, string>;
let meera: Record<string, string>;
const goaNumber = "917000000041";

beforeAll(async () => {
  t = await buildTestApp();
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  const goa = await createProperty(t.database.db, { name: "Pod Goa", whatsappNumber: goaNumber });
  ravi = (await signIn(t, await createTestStaff(t, { role: "AGENT", propertyCodes: [goa.code] }))).headers;
  meera = (await signIn(t, await createTestStaff(t, { role: "AGENT", propertyCodes: [goa.code] }))).headers;
});
afterAll(() => t.close());

describe("draft.changed", () => {
  it("reaches the draft's owner only, on save and on clear", async () => {
    const { thread } = await addDemoMessage(t.ctx(), {
      phone: uniquePhone(),
      channel: "WHATSAPP",
      direction: "INBOUND",
      text: "hello",
      at: new Date(),
      receivingNumber: goaNumber,
    });
    const own = await openSse(`${baseUrl}/api/events`, ravi);
    const colleague = await openSse(`${baseUrl}/api/events`, meera);
    await own.waitFor((m) => m.event === "stream.ready");
    await colleague.waitFor((m) => m.event === "stream.ready");

    const url = `/api/threads/${thread.id}/drafts/WHATSAPP`;
    const saved = await t.app.inject({ method: "PUT", url, headers: ravi, payload: { text: "On my way" } });
    expect(saved.statusCode).toBeLessThan(300);
    const first = await own.waitFor((m) => m.event === "draft.changed");
    expect(RealtimeEvent.parse(first.data)).toMatchObject({
      threadId: thread.id,
      payload: { threadId: thread.id, channel: "WHATSAPP" },
    });
    expect((await t.app.inject({ method: "DELETE", url, headers: ravi })).statusCode).toBeLessThan(300);
    await own.waitFor((m) => m.event === "draft.changed" && m.id !== first.id);

    // Meera's stream carried the thread's other events but none of Ravi's drafts: a later event of hers
    // proves her stream was delivering all along.
    await t.app.inject({ method: "PUT", url, headers: meera, payload: { text: "mine" } });
    const hers = await colleague.waitFor((m) => m.event === "draft.changed");
    await own.close();
    await colleague.close();
    expect(colleague.messages.filter((m) => m.event === "draft.changed")).toEqual([hers]);
    expect(own.messages.filter((m) => m.event === "draft.changed")).toHaveLength(2);
  });
});
