import { type OutboundHarness, startOutboundHarness } from "@test/outbound-harness";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

// Failed outbound messages over the real API, with the simulator answering and calling back over real
// HTTP: Gupshup's own code and text beside ours, the steps that can help (Retry only where a resend can
// succeed; Send as SMS; Send a template), and the inbox's failed-thread marker until retried, superseded
// or dismissed. The app's own window check is off so the simulated provider's 131047 can be seen.

let h: OutboundHarness;
beforeAll(async () => {
  h = await startOutboundHarness({ WHATSAPP_ENFORCE_SESSION_WINDOW: "false" });
});
afterEach(() => {
  h.simulator.setKnobs({ enforceSessionWindow: false, callbackFormat: "v2", smsDlrMethod: "GET" });
  h.pointProvidersAt();
});
afterAll(() => h.close());

const WINDOW_REASON =
  "Message failed to send because more than 24 hours have passed since the customer last replied to this number.";

async function failedSend(body: Record<string, unknown>): Promise<number> {
  const sent = await h.send(body);
  expect([200, 202]).toContain(sent.status);
  const id: number = sent.body.message.id;
  await h.waitFor(async () => (await h.message(id)).status === "FAILED");
  return id;
}

const detailOf = async (id: number) => (await h.api("GET", `/api/messages/${id}`)).body.message;

async function timelineItem(threadId: number, id: number) {
  const timeline = await h.api("GET", `/api/threads/${threadId}/timeline`);
  return timeline.body.items.find((i: { kind: string; id: number }) => i.kind === "message" && i.id === id);
}

async function markerOf(threadId: number): Promise<boolean> {
  const list = await h.api("GET", "/api/threads?limit=100");
  const row = list.body.threads.find((t: { id: number }) => t.id === threadId);
  if (!row) throw new Error(`thread ${threadId} not in the inbox`);
  return row.hasFailedOutbound;
}

describe("a WhatsApp number Gupshup says is not on WhatsApp (1002, v2 callback)", () => {
  it("keeps Gupshup's code and text, refuses Retry, and Send as SMS delivers the same text once on the thread", async () => {
    const phone = "919811200001";
    await h.guestWrites(phone);
    h.simulator.setKnobs({ notOnWhatsappNext: 1 });
    const id = await failedSend({ phone, message: "Your room is ready", channel: "WHATSAPP" });

    expect(await h.message(id)).toMatchObject({
      errorCode: "NOT_ON_WHATSAPP",
      providerErrorCode: "1002",
      providerErrorText: "Number Does Not Exist On WhatsApp",
    });
    const message = await detailOf(id);
    expect(message).toMatchObject({
      providerErrorCode: "1002",
      providerErrorText: "Number Does Not Exist On WhatsApp",
      failure: {
        code: "NOT_ON_WHATSAPP",
        providerCode: "1002",
        providerText: "Number Does Not Exist On WhatsApp",
        retryable: false,
        nextSteps: ["SEND_AS_SMS"],
        dismissedAt: null,
      },
    });
    const listed = await h.api("GET", `/api/messages?phone=${phone}&status=FAILED`);
    expect(listed.body.messages[0]).toMatchObject({ id, failure: { providerCode: "1002" } });
    const threadId: number = message.threadId;
    expect(await timelineItem(threadId, id)).toMatchObject({
      errorCode: "NOT_ON_WHATSAPP",
      providerErrorCode: "1002",
      failure: { nextSteps: ["SEND_AS_SMS"], retryable: false },
    });
    const thread = await h.api("GET", `/api/threads/${threadId}`);
    expect(thread.body.contact.whatsappUnreachableAt).toEqual(expect.any(String));
    expect(await markerOf(threadId)).toBe(true);

    const retry = await h.api("POST", `/api/messages/${id}/retry`);
    expect([retry.status, retry.body.error.code]).toEqual([409, "NOT_RETRYABLE"]);
    expect(retry.body.error.message).toContain("Gupshup 1002");
    expect(retry.body.error.message).toContain("SEND_AS_SMS");

    const sms = await h.api("POST", `/api/messages/${id}/send-as-sms`);
    expect(sms.status).toBe(202);
    expect(sms.body.message).toMatchObject({ channel: "SMS", threadId, message: "Your room is ready" });
    const again = await h.api("POST", `/api/messages/${id}/send-as-sms`);
    expect(again.body.message.id).toBe(sms.body.message.id);
    await h.waitFor(async () => (await h.message(sms.body.message.id)).status === "DELIVERED");
    expect(h.sendsTo(phone).map((r) => r.kind)).toEqual(["whatsapp", "sms"]);
    // A later outbound message reached the guest: the failure no longer marks the thread.
    expect(await markerOf(threadId)).toBe(false);
    expect((await h.message(id)).status).toBe("FAILED");
  });

  it("a WhatsApp message from the guest afterwards clears 'not on WhatsApp' on the contact", async () => {
    const phone = "919811200002";
    await h.guestWrites(phone, "first");
    h.simulator.setKnobs({ notOnWhatsappNext: 1 });
    const id = await failedSend({ phone, message: "Hello", channel: "WHATSAPP" });
    const threadId: number = (await detailOf(id)).threadId;
    expect(
      (await h.api("GET", `/api/threads/${threadId}`)).body.contact.whatsappUnreachableAt,
    ).not.toBeNull();
    await h.guestWrites(phone, "I am on WhatsApp after all");
    expect((await h.api("GET", `/api/threads/${threadId}`)).body.contact.whatsappUnreachableAt).toBeNull();
  });
});

describe("WhatsApp's window closed at the provider (131047, v3 callback with errors[])", () => {
  it("offers Send as SMS and Send a template, refuses Retry; without SMS for the guest, only the template", async () => {
    h.simulator.setKnobs({ enforceSessionWindow: true, callbackFormat: "v3" });
    const phone = "919811200011";
    const id = await failedSend({ phone, message: "Are you still coming?", channel: "WHATSAPP" });
    expect(await h.message(id)).toMatchObject({
      errorCode: "WINDOW_CLOSED",
      providerErrorCode: "131047",
      providerErrorText: WINDOW_REASON,
      errorMessage: WINDOW_REASON,
    });
    const message = await detailOf(id);
    expect(message.failure).toMatchObject({
      code: "WINDOW_CLOSED",
      providerCode: "131047",
      retryable: false,
      nextSteps: ["SEND_AS_SMS", "SEND_TEMPLATE"],
    });
    const retry = await h.api("POST", `/api/messages/${id}/retry`);
    expect([retry.status, retry.body.error.code]).toEqual([409, "NOT_RETRYABLE"]);

    const optOut = await h.api("PATCH", `/api/contacts/${message.contactId}`, { smsOptedOut: true });
    expect(optOut.status).toBe(200);
    expect((await timelineItem(message.threadId, id)).failure.nextSteps).toEqual(["SEND_TEMPLATE"]);
    const sms = await h.api("POST", `/api/messages/${id}/send-as-sms`);
    expect([sms.status, sms.body.error.code]).toEqual([409, "NEXT_STEP_UNAVAILABLE"]);
    expect(h.sendsTo(phone).filter((r) => r.kind === "sms")).toHaveLength(0);
  });
});

describe("an SMS the operator could not deliver (delivery report errCode)", () => {
  it.each(["GET", "POST"] as const)(
    "keeps errCode 003 UNKNOWN_SUBSCRIBER from a %s report, and offers nothing a resend could fix",
    async (method) => {
      h.simulator.setKnobs({ smsDlrMethod: method });
      const phone = method === "GET" ? "919811210003" : "919811220003";
      const id = await failedSend({ phone, message: "Your OTP is 1234", channel: "SMS" });
      expect(await h.message(id)).toMatchObject({
        errorCode: "INVALID_DESTINATION",
        providerErrorCode: "003",
        providerErrorText: "UNKNOWN_SUBSCRIBER",
      });
      expect((await detailOf(id)).failure).toMatchObject({
        code: "INVALID_DESTINATION",
        providerCode: "003",
        retryable: false,
        nextSteps: [],
        reason: expect.stringContaining("not valid"),
      });
      const retry = await h.api("POST", `/api/messages/${id}/retry`);
      expect([retry.status, retry.body.error.code]).toEqual([409, "NOT_RETRYABLE"]);
      expect(h.sendsTo(phone)).toHaveLength(1);
    },
  );
});

describe("a refusal in the send response itself", () => {
  it("keeps Gupshup's HTTP 401 'Authentication Failed' beside AUTH_FAILED; once the key is fixed, Retry delivers", async () => {
    const phone = "919811200021";
    await h.guestWrites(phone);
    h.pointProvidersAt({ apiKey: "not-the-key" });
    const id = await failedSend({ phone, message: "Checkout is at 11", channel: "WHATSAPP" });
    const message = await detailOf(id);
    expect(message).toMatchObject({
      errorCode: "AUTH_FAILED",
      providerErrorCode: "401",
      providerErrorText: "Authentication Failed",
      failure: { code: "AUTH_FAILED", providerCode: "401", retryable: true, nextSteps: ["RETRY"] },
    });
    expect(await markerOf(message.threadId)).toBe(true);

    h.pointProvidersAt();
    const retry = await h.api("POST", `/api/messages/${id}/retry`);
    expect(retry.status).toBe(202);
    expect(retry.body.message).toMatchObject({ providerErrorCode: null, failure: null });
    // Retried: no longer failed, so no marker, before the provider even answered.
    expect(await markerOf(message.threadId)).toBe(false);
    await h.waitFor(async () => ["DELIVERED", "READ"].includes((await h.message(id)).status));
  });

  it("a transient failure callback (131000) is retryable and a retry sends it once more", async () => {
    const phone = "919811200031";
    await h.guestWrites(phone);
    h.simulator.setKnobs({ transientFailureNext: 1 });
    const id = await failedSend({ phone, message: "Breakfast is at 7", channel: "WHATSAPP" });
    expect((await detailOf(id)).failure).toMatchObject({
      code: "PROVIDER_ERROR",
      providerCode: "131000",
      retryable: true,
      nextSteps: ["RETRY"],
    });
    expect((await h.api("POST", `/api/messages/${id}/retry`)).status).toBe(202);
    await h.waitFor(async () => ["DELIVERED", "READ"].includes((await h.message(id)).status));
    expect(h.sendsTo(phone)).toHaveLength(2);
    // The tick history keeps who retried: here the API key, by its name.
    const { retries } = (await h.api("GET", `/api/messages/${id}`)).body;
    expect(retries).toEqual([
      { at: expect.any(String), actor: { type: "API_KEY", id: expect.any(Number), name: "test ADMIN" } },
    ]);
  });
});

describe("Dismiss", () => {
  it("acknowledges a failure: the thread loses its marker, the message keeps its reason; a second dismiss is harmless", async () => {
    const phone = "919811200041";
    await h.guestWrites(phone);
    h.simulator.setKnobs({ undeliverableNext: 1 });
    const id = await failedSend({ phone, message: "See you soon", channel: "WHATSAPP" });
    const threadId: number = (await detailOf(id)).threadId;
    expect(await markerOf(threadId)).toBe(true);

    const dismissed = await h.api("POST", `/api/messages/${id}/dismiss-failure`);
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.message).toMatchObject({
      status: "FAILED",
      providerErrorCode: "131026",
      failure: { code: "UNDELIVERABLE", dismissedAt: expect.any(String) },
    });
    expect(await markerOf(threadId)).toBe(false);
    expect((await h.api("POST", `/api/messages/${id}/dismiss-failure`)).status).toBe(200);

    const delivered = await h.send({ phone, message: "Second try", channel: "WHATSAPP" });
    await h.waitFor(async () =>
      ["DELIVERED", "READ"].includes((await h.message(delivered.body.message.id)).status),
    );
    const notFailed = await h.api("POST", `/api/messages/${delivered.body.message.id}/dismiss-failure`);
    expect([notFailed.status, notFailed.body.error.code]).toEqual([409, "CONFLICT"]);
  });

  it("a later failure on the same thread marks it again, even after an earlier one was superseded", async () => {
    const phone = "919811200051";
    await h.guestWrites(phone);
    const ok = await h.send({ phone, message: "First", channel: "WHATSAPP" });
    await h.waitFor(async () => ["DELIVERED", "READ"].includes((await h.message(ok.body.message.id)).status));
    h.simulator.setKnobs({ undeliverableNext: 1 });
    const id = await failedSend({ phone, message: "Second", channel: "WHATSAPP" });
    expect(await markerOf((await detailOf(id)).threadId)).toBe(true);
  });
});
