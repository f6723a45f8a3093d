import { RecordCallResponse, RecordEmailResponse } from "@contract/calls";
import { callLogs, contacts, threads } from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { createProperty } from "@test/factories";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: { authorization: string };
const at = new Date(Date.now() - 600_000).toISOString();

beforeAll(async () => {
  t = await buildTestApp();
  await createProperty(t.database.db, { code: "GOA", isDefault: true });
  await createProperty(t.database.db, { code: "PUNE", whatsappNumber: "917000000002" });
  admin = await apiKeyHeaders(t, "ADMIN");
});
afterAll(() => t.close());

const post = (url: string, payload: object, headers = admin) =>
  t.app.inject({ method: "POST", url, headers, payload });

describe("POST /api/calls", () => {
  it("records a call on the guest's thread once per providerCallId, bumping the thread", async () => {
    const body = {
      phone: "098111 00001",
      direction: "INBOUND",
      status: "MISSED",
      startedAt: at,
      providerCallId: "c-1",
    };
    const first = await post("/api/calls", body);
    expect(first.statusCode, first.body).toBe(201);
    const recorded = RecordCallResponse.parse(first.json());
    expect(recorded.call).toMatchObject({ phone: "919811100001", status: "MISSED", at });
    const again = RecordCallResponse.parse((await post("/api/calls", body)).json());
    expect(again).toMatchObject({ duplicate: true, call: { id: recorded.call.id } });
    expect(await t.database.db.select().from(callLogs)).toHaveLength(1);
    const [thread] = await t.database.db.select().from(threads).where(eq(threads.id, recorded.threadId));
    expect(thread).toMatchObject({ lastPreview: "Missed call", unreadCount: 1, lastInboundChannel: "CALL" });
    const message = await addDemoMessage(t.ctx(), {
      phone: "+91 98111 00001",
      channel: "WHATSAPP",
      direction: "INBOUND",
      text: "called you",
      at: new Date(),
    });
    expect(message.thread.id).toBe(recorded.threadId);
  });

  it("routes a new caller's thread by the hotel number called", async () => {
    const res = await post("/api/calls", {
      phone: "9811100002",
      direction: "INBOUND",
      status: "ANSWERED",
      durationSeconds: 125,
      startedAt: at,
      hotelNumber: "7000000002",
    });
    const { threadId } = RecordCallResponse.parse(res.json());
    const [thread] = await t.database.db.select().from(threads).where(eq(threads.id, threadId));
    expect(thread?.lastPreview).toBe("Call from guest, 2m 5s");
    const goaKey = await apiKeyHeaders(t, "AGENT", ["GOA"]);
    const hidden = await post(
      "/api/calls",
      { phone: "9811100002", direction: "OUTBOUND", status: "ANSWERED", startedAt: at },
      goaKey,
    );
    expect(hidden.statusCode).toBe(404);
    expect(await t.database.db.select().from(callLogs).where(eq(callLogs.threadId, threadId))).toHaveLength(
      1,
    );
  });
});

describe("POST /api/emails", () => {
  it("links an inbound email by the sender's address and an outbound one by the recipient's", async () => {
    const inbound = {
      from: "Guest@Mail.example",
      fromName: "Guest Person",
      to: "desk@hotel.example",
      subject: "Airport pickup",
      body: "Can you?",
      direction: "INBOUND",
      sentAt: at,
      messageId: "<m1@mail>",
    };
    const first = RecordEmailResponse.parse((await post("/api/emails", inbound)).json());
    const reply = RecordEmailResponse.parse(
      (
        await post("/api/emails", {
          from: "desk@hotel.example",
          to: "guest@mail.example",
          subject: "Re: Airport pickup",
          direction: "OUTBOUND",
          sentAt: new Date().toISOString(),
        })
      ).json(),
    );
    expect([reply.threadId, reply.contactId]).toEqual([first.threadId, first.contactId]);
    const [contact] = await t.database.db.select().from(contacts).where(eq(contacts.id, first.contactId));
    expect(contact).toMatchObject({ email: "guest@mail.example", name: "Guest Person", phone: null });
    const dup = await post("/api/emails", inbound);
    expect(dup.statusCode).toBe(200);
    expect(RecordEmailResponse.parse(dup.json()).duplicate).toBe(true);
    const [thread] = await t.database.db.select().from(threads).where(eq(threads.id, first.threadId));
    expect(thread).toMatchObject({ unreadCount: 1, lastPreview: "Re: Airport pickup" });
    expect(thread?.firstResponseAt).not.toBeNull();
  });
});
