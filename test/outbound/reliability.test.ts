import net from "node:net";
import { jobs, messageLogs, messageStatusEvents, sendAttempts } from "@server/db/schema/index";
import { settleUnknownSend, settleUnknownSends } from "@server/domain/outbound/settle-unknown-sends";
import { type OutboundHarness, startOutboundHarness } from "@test/outbound-harness";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

// Reliability scenarios 9–13, 17 and 18 (docs/RELIABILITY.md) against the simulator over
// real HTTP: the provider misbehaves through its knobs, the real worker sends, and the simulator's record
// of requests is the witness of how many sends went out.

let h: OutboundHarness;
beforeAll(async () => {
  h = await startOutboundHarness({
    WHATSAPP_ENFORCE_SESSION_WINDOW: "false",
    SEND_MAX_ATTEMPTS: "10",
    SEND_FAST_PATH_MS: "0",
  });
});
afterAll(() => h.close());
beforeEach(() => {
  h.simulator.setKnobs({
    failNext: 0,
    rateLimitNext: 0,
    hangNext: 0,
    dropNext: 0,
    dropAccepts: false,
    enforceSessionWindow: false,
    delaysMs: { enqueued: 0, sent: 0, delivered: 0, read: 0 },
  });
});
afterEach(() => h.pointProvidersAt());

let next = 0;
const phone = () =>
  `9198${String(Date.now() % 1_000_000).padStart(6, "0")}${String(next++ % 100).padStart(2, "1")}`;
const accepted = (to: string) => h.simulator.state.messages.filter((m) => m.destination === to);

async function queue(to: string, body: object = {}, headers?: Record<string, string>): Promise<number> {
  const res = await h.send(
    { phone: to, message: "Your booking is confirmed", channel: "WHATSAPP", ...body },
    headers,
  );
  expect(res.status).toBe(202);
  return res.body.message.id;
}
const settled = (id: number, sendState: string) =>
  h.waitFor(async () => (await h.message(id)).sendState === sendState);

describe("9. a 500, then a 200", () => {
  it("is retried once: one accepted send, two attempts, the provider id stored", async () => {
    h.simulator.setKnobs({ failNext: 1 });
    const to = phone();
    const id = await queue(to);
    await settled(id, "ACCEPTED");
    expect((await h.attempts(id)).map((a) => [a.outcome, a.httpStatus])).toEqual([
      ["RETRYABLE", 500],
      ["ACCEPTED", null],
    ]);
    expect(h.sendsTo(to).map((r) => r.outcome)).toEqual([500, 200]);
    expect(accepted(to)).toHaveLength(1);
    expect((await h.message(id)).providerMessageId).toBe(accepted(to)[0]?.messageId);
    const [failed, sent] = await h.attempts(id);
    expect(sent).toMatchObject({ attemptNo: 2, providerMessageId: accepted(to)[0]?.messageId, error: null });
    expect(failed?.finishedAt?.getTime()).toBeLessThanOrEqual(sent?.startedAt?.getTime() ?? 0);
    expect(sent?.durationMs).toBeGreaterThanOrEqual(0);
  });
});

describe("10. a 429 with Retry-After", () => {
  it("holds this message and the next one on the lane for the Retry-After, then sends each once", async () => {
    h.simulator.setKnobs({ rateLimitNext: 1, retryAfter: "1" });
    const first = phone();
    const second = phone();
    const a = await queue(first);
    await h.waitFor(async () => (await h.attempts(a))[0]?.outcome === "RETRYABLE");
    const b = await queue(second);
    await settled(a, "ACCEPTED");
    await settled(b, "ACCEPTED");
    const limitedAt = Date.parse(h.sendsTo(first)[0]?.at ?? "");
    expect(h.sendsTo(first)[0]?.outcome).toBe(429);
    for (const request of [h.sendsTo(first)[1], h.sendsTo(second)[0]])
      expect(Date.parse(request?.at ?? "") - limitedAt).toBeGreaterThanOrEqual(1000);
    expect([accepted(first).length, accepted(second).length]).toEqual([1, 1]);
  });
});

describe("11. connection refused", () => {
  it("is retried with backoff until the provider is back: one accepted send", async () => {
    const port = await freePort();
    h.pointProvidersAt({ baseUrl: `http://127.0.0.1:${port}` });
    const to = phone();
    const id = await queue(to);
    await h.waitFor(async () => (await h.attempts(id))[0]?.providerCode === "CONNECTION_REFUSED");
    const forwarder = await forward(port, new URL(h.simulator.url));
    try {
      await settled(id, "ACCEPTED");
    } finally {
      await forwarder.close();
    }
    const outcomes = (await h.attempts(id)).map((a) => a.outcome);
    expect(outcomes.at(-1)).toBe("ACCEPTED");
    expect(outcomes.slice(0, -1).every((o) => o === "RETRYABLE")).toBe(true);
    expect(h.sendsTo(to)).toHaveLength(1);
    expect(accepted(to)).toHaveLength(1);
  });
});

describe("12. an ambiguous timeout", () => {
  it("is never resent: UNKNOWN, then SENT once the provider's status arrives and is matched", async () => {
    // The provider accepts and never answers; its callbacks come after our client gave up.
    h.simulator.setKnobs({ hangNext: 1, delaysMs: { enqueued: 1500 } });
    h.pointProvidersAt({ timeoutMs: 300 });
    const to = phone();
    const id = await queue(to);
    await settled(id, "UNKNOWN");
    expect((await h.message(id)).status).toBe("PENDING");
    expect((await h.attempts(id)).map((a) => a.outcome)).toEqual(["AMBIGUOUS"]);

    await h.waitFor(async () => (await heldStatusesFor(to)).length > 0);
    expect(await settleUnknownSends(h.t.ctx())).toMatchObject({ adopted: 1 });
    await h.waitFor(async () => (await h.message(id)).status === "READ");
    const message = await h.message(id);
    expect(message).toMatchObject({ sendState: "ACCEPTED", providerMessageId: accepted(to)[0]?.messageId });
    expect(h.sendsTo(to)).toHaveLength(1);
    expect(accepted(to)).toHaveLength(1);
  });

  it("with no status at all, is flagged FAILED (AMBIGUOUS) after the deadline; a person's retry sends it once", async () => {
    // The connection drops after the request arrived, and the provider did not take it.
    h.simulator.setKnobs({ dropNext: 1, dropAccepts: false });
    const to = phone();
    const id = await queue(to);
    await settled(id, "UNKNOWN");
    expect(await settleUnknownSend(h.t.ctx(), id)).toBe("waiting");
    const later = { ...h.t.ctx(), now: () => new Date(Date.now() + 11 * 60_000) };
    expect(await settleUnknownSend(later, id)).toBe("flagged");
    expect(await h.message(id)).toMatchObject({
      status: "FAILED",
      failureKind: "AMBIGUOUS",
      sendState: "UNKNOWN",
    });
    expect(h.sendsTo(to)).toHaveLength(1);

    const retried = await h.api("POST", `/api/messages/${id}/retry`);
    expect(retried.status).toBe(202);
    await settled(id, "ACCEPTED");
    expect(h.sendsTo(to)).toHaveLength(2);
    expect(accepted(to)).toHaveLength(1);
  });
});

describe("14 (in small). a worker that died during the provider call", () => {
  it("leaves its message SENDING; the next worker treats it as ambiguous and does not resend", async () => {
    await h.t.runner.stop(1000);
    const to = phone();
    let id = 0;
    try {
      id = await queue(to);
      // What a worker killed between its claim and the provider's answer leaves behind.
      await h.t.database.db
        .update(messageLogs)
        .set({ sendState: "SENDING", attemptCount: 1 })
        .where(eq(messageLogs.id, id));
      await h.t.database.db.insert(sendAttempts).values({ messageId: id, attemptNo: 1 });
    } finally {
      h.t.runner.start();
    }
    await settled(id, "UNKNOWN");
    expect((await h.attempts(id)).map((a) => a.outcome)).toEqual(["AMBIGUOUS"]);
    expect(h.sendsTo(to)).toHaveLength(0);
  });
});

describe("13. permanent failures", () => {
  it("a refused request (bad credentials) fails at once with the provider's reason, never retried", async () => {
    h.pointProvidersAt({ apiKey: "not-the-key" });
    const to = phone();
    const id = await queue(to);
    await settled(id, "GAVE_UP");
    expect(await h.message(id)).toMatchObject({ status: "FAILED", failureKind: "PERMANENT" });
    expect((await h.message(id)).errorMessage).toMatch(/Authentication/i);
    await h.waitFor(async () => (await sendJob(id))?.status === "COMPLETED");
    expect(await h.attempts(id)).toHaveLength(1);
    expect(h.sendsTo(to)).toHaveLength(1);
  });

  it.each([
    ["a number not on WhatsApp (1002)", "0002", "1002", "NOT_ON_WHATSAPP", false],
    ["the 24-hour window (131047)", "5555", "131047", "WINDOW_CLOSED", true],
  ])(
    "%s: one attempt, FAILED with the code from the status callback",
    async (_name, suffix, code, mapped, window) => {
      h.simulator.setKnobs({ enforceSessionWindow: window });
      const to = `${phone().slice(0, -4)}${suffix}`;
      const id = await queue(to);
      await h.waitFor(async () => (await h.message(id)).status === "FAILED");
      expect(await h.message(id)).toMatchObject({
        errorCode: mapped,
        providerErrorCode: code,
        sendState: "ACCEPTED",
      });
      expect(await h.attempts(id)).toHaveLength(1);
      expect(h.sendsTo(to)).toHaveLength(1);
    },
  );
});

describe("17. dead letter and manual retry", () => {
  it("gives up after SEND_MAX_ATTEMPTS (EXHAUSTED, needs attention); two concurrent retries send once", async () => {
    h.simulator.setKnobs({ failNext: 1000 });
    const to = phone();
    const id = await queue(to);
    await settled(id, "GAVE_UP");
    expect(await h.message(id)).toMatchObject({
      status: "FAILED",
      failureKind: "EXHAUSTED",
      errorCode: "HTTP_500",
    });
    expect(await h.attempts(id)).toHaveLength(10);
    const attention = await h.api("GET", `/api/messages?status=FAILED&phone=${to}`);
    expect(attention.body.messages.map((m: { id: number }) => m.id)).toEqual([id]);

    h.simulator.setKnobs({ failNext: 0 });
    const clicks = await Promise.all([1, 2].map(() => h.api("POST", `/api/messages/${id}/retry`)));
    expect(clicks.map((c) => c.status).sort()).toEqual([202, 409]);
    await settled(id, "ACCEPTED");
    expect(await h.attempts(id)).toHaveLength(11);
    expect(h.sendsTo(to)).toHaveLength(11);
    expect(accepted(to)).toHaveLength(1);
  });
});

describe("18. a double submit", () => {
  it("with one Idempotency-Key: one message, one send; the same key with another body is refused", async () => {
    const to = phone();
    const headers = { ...h.admin, "idempotency-key": `double-${to}` };
    const body = { phone: to, message: "Booking BK-1 confirmed", channel: "WHATSAPP" };
    const answers = await Promise.all([1, 2, 3].map(() => h.send(body, headers)));
    expect(new Set(answers.map((a) => a.body.message.id)).size).toBe(1);
    const id = answers[0]?.body.message.id;
    await settled(id, "ACCEPTED");
    expect(await h.t.database.db.select().from(messageLogs).where(eq(messageLogs.phone, to))).toHaveLength(1);
    expect(h.sendsTo(to)).toHaveLength(1);
    const replay = await h.send(body, headers);
    // The same message back, never queued again (its delivery may already have been reported).
    expect([replay.status, replay.body.message.id]).toEqual([200, id]);
    expect(["SENT", "DELIVERED", "READ"]).toContain(replay.body.message.status);
    expect(h.sendsTo(to)).toHaveLength(1);
    const other = await h.send({ ...body, message: "changed" }, headers);
    expect([other.status, other.body.error.code]).toEqual([409, "IDEMPOTENCY_KEY_REUSED"]);
  });
});

function heldStatusesFor(to: string) {
  return h.t.database.db
    .select()
    .from(messageStatusEvents)
    .where(and(eq(messageStatusEvents.recipientPhone, to), isNull(messageStatusEvents.messageId)));
}

async function sendJob(messageId: number) {
  const rows = await h.t.database.db.select().from(jobs).where(eq(jobs.queue, "send-outbound-message"));
  return rows.find((j) => (j.payload as { messageId?: number }).messageId === messageId);
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Listens on `port` and pipes every connection to `target`: "the provider is reachable again". */
async function forward(port: number, target: URL): Promise<{ close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
