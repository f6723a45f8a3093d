import { contacts, messageLogs } from "@server/db/schema/index";
import { type OutboundHarness, startOutboundHarness } from "@test/outbound-harness";
import { apiKeyHeaders, buildTestApp } from "@test/test-app";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The web app's "Simulate guest" drawer and its failure button, in simulator mode: the routes forward
// to the in-process simulator, whose real callbacks then come back through /webhooks/gupshup.

let h: OutboundHarness;
beforeAll(async () => {
  h = await startOutboundHarness();
});
afterAll(() => h.close());

const inbound = (phone: string) =>
  h.t.database.db
    .select()
    .from(messageLogs)
    .where(and(eq(messageLogs.phone, phone), eq(messageLogs.direction, "INBOUND")));

describe("POST /api/simulator/guest-message", () => {
  it("makes the simulator write as the guest; the message arrives through the webhook into a thread", async () => {
    const res = await h.api("POST", "/api/simulator/guest-message", {
      phone: "+919811100001",
      name: "Meera",
      channel: "WHATSAPP",
      text: "Is breakfast included?",
    });
    expect(res.status).toBe(200);
    await h.waitFor(async () => (await inbound("919811100001")).length === 1);
    const [message] = await inbound("919811100001");
    expect(message).toMatchObject({ channel: "WHATSAPP", message: "Is breakfast included?" });
    expect(message?.threadId).not.toBeNull();
    const [contact] = await h.t.database.db.select().from(contacts).where(eq(contacts.phone, "919811100001"));
    expect(contact?.name).toBe("Meera");
  });

  it("refuses a phone that is not digits, or text and media together, and forwards nothing", async () => {
    const before = h.simulator.callbacks().length;
    const badPhone = await h.api("POST", "/api/simulator/guest-message", {
      phone: "call me",
      channel: "SMS",
      text: "hi",
    });
    const both = await h.api("POST", "/api/simulator/guest-message", {
      phone: "919811100002",
      channel: "WHATSAPP",
      text: "hi",
      mediaUrl: "https://example.com/a.jpg",
    });
    expect([badPhone.status, badPhone.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect([both.status, both.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(h.simulator.callbacks().length).toBe(before);
  });

  it("cannot be reached without credentials through a percent-encoded or double-slash path (issue 14, finding 3)", async () => {
    // The attack as found: curl --path-as-is -X POST http://127.0.0.1:4000/%61pi/simulator/guest-message
    const before = h.simulator.callbacks().length;
    const body = { phone: "919811100009", channel: "WHATSAPP", text: "injected" };
    // The router decodes percent-encoded letters, so these match the route and must meet its check.
    for (const path of ["/%61pi/simulator/guest-message", "/%61%70%69/simulator/%67uest-message"]) {
      const res = await h.api("POST", path, body, {});
      expect([res.status, res.body?.error?.code], path).toEqual([401, "UNAUTHENTICATED"]);
    }
    const doubleSlash = await h.api("POST", "//api/simulator/guest-message", body, {});
    expect(doubleSlash.status).toBe(404);
    expect(h.simulator.callbacks().length).toBe(before);
    expect(await inbound("919811100009")).toEqual([]);
  });

  it("needs a signed-in caller", async () => {
    const res = await h.api(
      "POST",
      "/api/simulator/guest-message",
      { phone: "919811100003", channel: "WHATSAPP", text: "hi" },
      {},
    );
    expect(res.status).toBe(401);
  });
});

describe("POST /api/simulator/opt-out", () => {
  it("sends the guest's opt-out event; the contact is opted out of WhatsApp", async () => {
    await h.guestWrites("919811100004");
    const res = await h.api("POST", "/api/simulator/opt-out", { phone: "919811100004" });
    expect(res.status).toBe(200);
    await h.waitFor(async () => {
      const [contact] = await h.t.database.db
        .select()
        .from(contacts)
        .where(eq(contacts.phone, "919811100004"));
      return contact?.whatsappOptedOut === true;
    });
  });
});

describe("POST /api/simulator/fail-next", () => {
  it("makes the simulator answer the next send with a 500; the send is retried and goes out once", async () => {
    await h.guestWrites("919811100005");
    const knob = await h.api("POST", "/api/simulator/fail-next");
    expect([knob.status, knob.body]).toEqual([200, expect.anything()]);
    const sent = await h.send({ phone: "919811100005", message: "Your table is ready", channel: "WHATSAPP" });
    expect([200, 202]).toContain(sent.status);
    const id: number = sent.body.message.id;
    await h.waitFor(async () => ["SENT", "DELIVERED", "READ"].includes((await h.message(id)).status));
    const attempts = await h.attempts(id);
    expect(attempts.map((a) => a.outcome)).toEqual(["RETRYABLE", "ACCEPTED"]);
    expect(h.sendsTo("919811100005")).toHaveLength(2);
  });
});

describe("POST /api/simulator/fail-next-delivery", () => {
  it("makes the next WhatsApp message fail after it was accepted (131026); staff see why, Retry is refused", async () => {
    await h.guestWrites("919811100006");
    expect((await h.api("POST", "/api/simulator/fail-next-delivery")).status).toBe(200);
    const sent = await h.send({ phone: "919811100006", message: "Your car is here", channel: "WHATSAPP" });
    const id: number = sent.body.message.id;
    await h.waitFor(async () => (await h.message(id)).status === "FAILED");
    expect(await h.message(id)).toMatchObject({
      errorCode: "UNDELIVERABLE",
      providerErrorCode: "131026",
      errorMessage: expect.stringContaining("undeliverable"),
    });

    const retried = await h.api("POST", `/api/messages/${id}/retry`);
    expect([retried.status, retried.body.error.code]).toEqual([409, "NOT_RETRYABLE"]);
    expect(h.sendsTo("919811100006")).toHaveLength(1);
  });
});

describe("POST /api/simulator/not-on-whatsapp-next", () => {
  it("makes Gupshup answer the next WhatsApp message with 1002, which Send as SMS gets past", async () => {
    await h.guestWrites("919811100007");
    expect((await h.api("POST", "/api/simulator/not-on-whatsapp-next")).status).toBe(200);
    const sent = await h.send({ phone: "919811100007", message: "Taxi booked", channel: "WHATSAPP" });
    const id: number = sent.body.message.id;
    await h.waitFor(async () => (await h.message(id)).status === "FAILED");
    expect(await h.message(id)).toMatchObject({ errorCode: "NOT_ON_WHATSAPP", providerErrorCode: "1002" });
    const sms = await h.api("POST", `/api/messages/${id}/send-as-sms`);
    expect(sms.status).toBe(202);
    await h.waitFor(async () => (await h.message(sms.body.message.id)).status === "DELIVERED");
  });
});

describe("outside simulator mode", () => {
  it("has no simulator routes", async () => {
    const t = await buildTestApp();
    try {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/simulator/fail-next",
        headers: await apiKeyHeaders(t),
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
