import type { OutboundMessage } from "@server/providers/channel-provider";
import { createGupshupWhatsappProvider } from "@server/providers/gupshup/gupshup-whatsapp";
import { acceptedId, type SimulatorHarness, startSimulatorHarness } from "@test/simulator-harness";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// The test knobs, set through the simulator's HTTP API as other test suites and integrators will.

let h: SimulatorHarness;
beforeEach(async () => {
  h = await startSimulatorHarness({ knobs: { enforceSessionWindow: false } });
});
afterEach(() => h.close());

const message = (to = "919812345678"): OutboundMessage => ({ type: "text", to, text: "Hello" });
const knobs = async (body: object) => {
  const res = await fetch(`${h.simulator.url}/simulator/knobs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return res.json();
};
const sendLifecycle = async (to?: string) => {
  const id = acceptedId(await h.providers.whatsapp.send(message(to)));
  return id;
};
const wordsFor = (id: string) => h.statusesFor(id).map((e) => e.providerStatus);

describe("simulator knobs", () => {
  it("fails the next N sends with 500, then accepts again", async () => {
    await knobs({ failNext: 2 });
    expect(await h.providers.whatsapp.send(message())).toMatchObject({ kind: "retryable", code: "HTTP_500" });
    expect(await h.providers.sms.send(message())).toMatchObject({ kind: "retryable", code: "HTTP_500" });
    expect(await h.providers.whatsapp.send(message())).toMatchObject({ kind: "accepted" });
  });

  it("answers 429 with the configured Retry-After", async () => {
    await knobs({ rateLimitNext: 1, retryAfter: "Wed, 21 Oct 2099 07:28:00 GMT" });
    const res = await fetch(`${h.simulator.url}/wa/api/v1/msg`, { method: "POST" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("Wed, 21 Oct 2099 07:28:00 GMT");
    expect(await res.json()).toEqual({ status: "error", message: "Too Many Requests" });
  });

  it("accepts and then hangs: the client times out (ambiguous) while the callbacks still flow", async () => {
    await knobs({ hangNext: 1 });
    const impatient = createGupshupWhatsappProvider({
      apiKey: h.simulator.apiKey,
      appName: h.simulator.appName,
      source: h.simulator.source,
      baseUrl: h.simulator.url,
      timeoutMs: 250,
    });
    expect(await impatient.send(message())).toMatchObject({ kind: "ambiguous" });
    const hung = h.simulator.state.messages[0]?.messageId ?? "";
    await h.receiver.waitFor(() => wordsFor(hung).includes("read"));
    expect(wordsFor(hung)).toEqual(["enqueued", "sent", "delivered", "read"]);
  });

  it("drops the connection without accepting, or after accepting with dropAccepts", async () => {
    await knobs({ dropNext: 1 });
    await expect(fetch(`${h.simulator.url}/wa/api/v1/msg`, { method: "POST" })).rejects.toThrow();
    expect(h.simulator.state.messages).toHaveLength(0);
    await knobs({ dropNext: 1, dropAccepts: true });
    expect(await h.providers.whatsapp.send(message())).toMatchObject({ kind: "ambiguous" });
    await h.simulator.idle();
    expect(h.simulator.state.messages).toHaveLength(1);
    expect(h.events().filter((e) => e.kind === "status")).toHaveLength(4);
  });

  it("duplicates every callback", async () => {
    await knobs({ duplicateCallbacks: true });
    const id = await sendLifecycle();
    await h.simulator.idle();
    expect(wordsFor(id)).toEqual([
      "enqueued",
      "enqueued",
      "sent",
      "sent",
      "delivered",
      "delivered",
      "read",
      "read",
    ]);
  });

  it("shuffles callbacks, keeping the true order in their timestamps", async () => {
    await knobs({ shuffleCallbacks: true, delaysMs: { enqueued: 0, sent: 0, delivered: 0, read: 0 } });
    const ids = await Promise.all(Array.from({ length: 6 }, () => sendLifecycle()));
    await h.simulator.idle();
    const orders = ids.map(wordsFor);
    for (const order of orders) expect([...order].sort()).toEqual(["delivered", "enqueued", "read", "sent"]);
    expect(orders.some((o) => o.join() !== "enqueued,sent,delivered,read")).toBe(true);
    // The envelope's millisecond timestamp keeps the true order (inner `ts` is whole seconds).
    const raw = h.receiver.received.map(
      (r) => r.json as { timestamp: number; payload: { id?: string; gsId?: string; type: string } },
    );
    for (const id of ids) {
      const mine = raw.filter((e) => (e.payload.gsId ?? e.payload.id) === id);
      const byTime = [...mine].sort((a, b) => a.timestamp - b.timestamp).map((e) => e.payload.type);
      expect(byTime).toEqual(["enqueued", "sent", "delivered", "read"]);
    }
  });

  it("sends callbacks in v3 (Meta) format when asked", async () => {
    await knobs({ callbackFormat: "v3" });
    const id = await sendLifecycle();
    await h.simulator.idle();
    expect(
      h.receiver.received.every(
        (r) => (r.json as { object?: string }).object === "whatsapp_business_account",
      ),
    ).toBe(true);
    expect(wordsFor(id)).toEqual(["enqueued", "sent", "delivered", "read"]);
  });

  it("adds custom headers and a ?token= to every callback", async () => {
    await knobs({
      callbackHeaders: { Authorization: "Bearer s3cret-s3cret-s3cret" },
      callbackToken: "tok-123",
    });
    await sendLifecycle();
    await h.providers.sms.send(message());
    await h.simulator.idle();
    expect(h.receiver.received).toHaveLength(5);
    for (const r of h.receiver.received) {
      expect(r.headers.authorization).toBe("Bearer s3cret-s3cret-s3cret");
      expect(r.query.get("token")).toBe("tok-123");
    }
  });

  it("posts SMS delivery reports as a `response` batch when smsDlrMethod is POST", async () => {
    await knobs({ smsDlrMethod: "POST" });
    const id = acceptedId(await h.providers.sms.send(message()));
    await h.simulator.idle();
    const [report] = h.receiver.received;
    expect(report?.method).toBe("POST");
    expect(new URLSearchParams(report?.body).get("response")).toContain(id);
    expect(h.statusesFor(id).map((e) => e.status)).toEqual(["DELIVERED"]);
  });

  it("skips read receipts when readReceipts is off", async () => {
    await knobs({ readReceipts: false });
    const id = await sendLifecycle();
    await h.simulator.idle();
    expect(wordsFor(id)).toEqual(["enqueued", "sent", "delivered"]);
  });

  it("retries a callback the app did not acknowledge", async () => {
    await knobs({ callbackRetries: 2, callbackRetryDelayMs: 0, readReceipts: false });
    h.receiver.answerWith(503);
    const id = await sendLifecycle();
    await h.simulator.idle();
    const thrice = (word: string) => [word, word, word];
    expect(wordsFor(id)).toEqual([...thrice("enqueued"), ...thrice("sent"), ...thrice("delivered")]);
  });

  it("refuses unknown knobs and resets everything", async () => {
    const bad = await fetch(`${h.simulator.url}/simulator/knobs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ failNextt: 1 }),
    });
    expect(bad.status).toBe(400);
    await knobs({ failNext: 5 });
    await h.providers.whatsapp.send(message());
    const reset = await fetch(`${h.simulator.url}/simulator/reset`, { method: "POST" });
    expect(reset.status).toBe(200);
    expect(h.simulator.state.knobs.failNext).toBe(0);
    expect(h.simulator.requests()).toHaveLength(0);
  });
});

describe("simulator request record", () => {
  it("lists every request with per-destination send counts and the sender's msgid", async () => {
    await h.providers.whatsapp.send({ ...message(), clientRef: "our-1" });
    await h.providers.whatsapp.send({ ...message(), clientRef: "our-1" });
    await h.providers.sms.send(message("919800000111"));
    await fetch(`${h.simulator.url}/nowhere`);
    const res = await fetch(`${h.simulator.url}/simulator/requests`);
    const body = (await res.json()) as {
      requests: Array<{ kind: string; msgid?: string; outcome: unknown }>;
      sendCounts: object;
    };
    expect(body.sendCounts).toEqual({ "919812345678": 2, "919800000111": 1 });
    expect(body.requests.map((r) => [r.kind, r.msgid ?? null, r.outcome])).toEqual([
      ["whatsapp", "our-1", 200],
      ["whatsapp", "our-1", 200],
      ["sms", null, 200],
      ["other", null, 404],
    ]);
  });
});
