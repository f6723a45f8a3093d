import { connect } from "node:net";
import { properties } from "@server/db/schema/index";
import { createApiKey } from "@server/domain/api-keys/create-api-key";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { setStaffPassword } from "@server/domain/staff/set-staff-password";
import { openSse } from "@test/sse-client";
import { createTestStaff, signIn } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp, type TestEnv } from "@test/test-app";
import { afterEach, describe, expect, it } from "vitest";

// Issue 14, finding 4 and the SSE part of 7: a live stream checked its caller once, at connect, and
// then delivered guests' messages for as long as the socket stayed open, whatever happened to the
// session or key; and a client that stopped reading grew the server's buffer without bound.

const MINUTE = 60_000;
let opened: TestApp[] = [];
afterEach(async () => {
  for (const t of opened) await t.close();
  opened = [];
});

/** A listening app; `clock.advance(ms)` moves its notion of now (sessions' idle and absolute timeouts). */
async function startApp(env: TestEnv = {}) {
  let offset = 0;
  const t = await buildTestApp(
    { EVENTS_HEARTBEAT_SECONDS: "3600", ...env },
    { now: () => new Date(Date.now() + offset) },
  );
  opened.push(t);
  const baseUrl = await t.app.listen({ port: 0, host: "localhost" });
  const [goa] = await t.database.db.insert(properties).values({ code: "GOA", name: "Goa" }).returning();
  const goaId = goa?.id ?? 0;
  const guestMessage = (text: string) =>
    publishEvent(t.ctx(), {
      type: "contact.updated",
      propertyId: goaId,
      threadId: 1,
      payload: { contactId: 1, text },
    });
  return { t, baseUrl, guestMessage, clock: { advance: (ms: number) => (offset += ms) } };
}

async function signedInAgent(t: TestApp) {
  const staff = await createTestStaff(t, { role: "AGENT", propertyCodes: ["GOA"] });
  return { staff, session: await signIn(t, staff) };
}

const texts = (sse: Awaited<ReturnType<typeof openSse>>) =>
  sse.messages
    .filter((m) => m.event === "contact.updated")
    .map((m) => (m.data as { payload: { text: string } }).payload.text);

describe("an open event stream ends with its caller's access", { timeout: 60_000 }, () => {
  it("closes at once when its session signs out, and delivers nothing after", async () => {
    const { t, baseUrl, guestMessage } = await startApp();
    const { session } = await signedInAgent(t);
    const sse = await openSse(`${baseUrl}/api/events`, { cookie: session.cookie });
    await sse.waitFor((m) => m.event === "stream.ready");
    await guestMessage("before");
    await sse.waitFor((m) => m.event === "contact.updated");

    const out = await fetch(`${baseUrl}/api/auth/logout`, { method: "POST", headers: session.headers });
    expect(out.status).toBeLessThan(300);
    await guestMessage("after sign-out");
    await sse.waitForEnd();
    expect(texts(sse)).toEqual(["before"]);
    expect(sse.messages.at(-1)).toMatchObject({ event: "stream.closed", data: { reason: "access_ended" } });
  });

  it("closes at once when the staff member is deactivated or their password is reset", async () => {
    const { t, baseUrl, guestMessage } = await startApp();
    const admin = await apiKeyHeaders(t, "ADMIN");
    const deactivated = await signedInAgent(t);
    const reset = await signedInAgent(t);
    const bystander = await signedInAgent(t);
    const streams = await Promise.all(
      [deactivated, reset, bystander].map((s) =>
        openSse(`${baseUrl}/api/events`, { cookie: s.session.cookie }),
      ),
    );
    for (const sse of streams) await sse.waitFor((m) => m.event === "stream.ready");

    const patch = await t.app.inject({
      method: "PATCH",
      url: `/api/staff/${deactivated.staff.id}`,
      headers: admin,
      payload: { isActive: false },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    await setStaffPassword(t.ctx(), { email: reset.staff.email, password: "a-new-long-password-1" });
    await guestMessage("after");

    const [first, second, third] = streams;
    await first?.waitForEnd();
    await second?.waitForEnd();
    await third?.waitFor((m) => m.event === "contact.updated");
    expect(third?.ended).toBe(false);
    expect(first && texts(first)).toEqual([]);
    expect(second && texts(second)).toEqual([]);
    for (const sse of streams) await sse.close();
  });

  it("closes at once when its API key is revoked", async () => {
    const { t, baseUrl, guestMessage } = await startApp();
    const key = await createApiKey(t.ctx(), { name: "integration", role: "AGENT", propertyCodes: ["GOA"] });
    const sse = await openSse(`${baseUrl}/api/events`, { authorization: `Bearer ${key.token}` });
    await sse.waitFor((m) => m.event === "stream.ready");

    const revoked = await fetch(`${baseUrl}/api/api-keys/${key.id}`, {
      method: "DELETE",
      headers: await apiKeyHeaders(t, "ADMIN"),
    });
    expect(revoked.status).toBe(204);
    await guestMessage("after revocation");
    await sse.waitForEnd();
    expect(texts(sse)).toEqual([]);
  });

  it("stops delivering a property's events at once when the staff member leaves that property", async () => {
    const { t, baseUrl, guestMessage } = await startApp();
    const [blr] = await t.database.db
      .insert(properties)
      .values({ code: "BLR", name: "Bengaluru" })
      .returning();
    const staff = await createTestStaff(t, { role: "AGENT", propertyCodes: ["GOA", "BLR"] });
    const sse = await openSse(`${baseUrl}/api/events`, { cookie: (await signIn(t, staff)).cookie });
    await sse.waitFor((m) => m.event === "stream.ready");

    const moved = await t.app.inject({
      method: "PATCH",
      url: `/api/staff/${staff.id}`,
      headers: await apiKeyHeaders(t, "ADMIN"),
      payload: { propertyIds: [blr?.id] },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await guestMessage("GOA guest, after the move");
    await publishEvent(t.ctx(), {
      type: "contact.updated",
      propertyId: blr?.id ?? 0,
      threadId: 2,
      payload: { contactId: 2, text: "BLR guest" },
    });
    await sse.waitFor((m) => m.event === "contact.updated");
    await sse.close();
    expect(texts(sse)).toEqual(["BLR guest"]);
  });

  it("closes at the first heartbeat past the session's idle timeout, which the stream does not extend", async () => {
    const { t, baseUrl, clock } = await startApp({
      EVENTS_HEARTBEAT_SECONDS: "1",
      SESSION_IDLE_MINUTES: "30",
    });
    const { session } = await signedInAgent(t);
    const sse = await openSse(`${baseUrl}/api/events`, { cookie: session.cookie });
    await sse.waitFor((m) => m.event === "stream.ready");

    // 20 idle minutes: still signed in. Heartbeats pass; a check that counted as activity would now
    // restart the 30 minutes from here.
    clock.advance(20 * MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(sse.ended).toBe(false);

    clock.advance(15 * MINUTE);
    await sse.waitForEnd();
    expect(sse.messages.at(-1)).toMatchObject({ event: "stream.closed", data: { reason: "access_ended" } });
    const me = await fetch(`${baseUrl}/api/auth/me`, { headers: { cookie: session.cookie } });
    expect(me.status).toBe(401);
  });
});

describe("limits on event streams", { timeout: 60_000 }, () => {
  it("ends a stream after EVENTS_STREAM_MAX_SECONDS; resuming from its last id misses nothing", async () => {
    const { t, baseUrl, guestMessage } = await startApp({ EVENTS_STREAM_MAX_SECONDS: "1" });
    const headers = await apiKeyHeaders(t, "AGENT", ["GOA"]);
    const first = await openSse(`${baseUrl}/api/events`, headers);
    await first.waitFor((m) => m.event === "stream.ready");
    await guestMessage("one");
    await first.waitForEnd();
    expect(first.messages.at(-1)).toMatchObject({ event: "stream.closed", data: { reason: "lifetime" } });

    await guestMessage("two, while reconnecting");
    const lastId = Math.max(...first.messages.flatMap((m) => (m.id === undefined ? [] : [m.id])));
    const resumed = await openSse(`${baseUrl}/api/events`, { ...headers, "last-event-id": String(lastId) });
    await resumed.waitFor((m) => m.event === "stream.ready");
    await resumed.close();
    expect([...texts(first), ...texts(resumed)]).toEqual(["one", "two, while reconnecting"]);
  });

  it("keeps at most EVENTS_MAX_STREAMS_PER_CALLER streams per caller, closing the oldest", async () => {
    const { t, baseUrl, guestMessage } = await startApp({ EVENTS_MAX_STREAMS_PER_CALLER: "2" });
    const headers = await apiKeyHeaders(t, "AGENT", ["GOA"]);
    const other = await apiKeyHeaders(t, "AGENT", ["GOA"]);
    const streams = [];
    for (const h of [headers, other, headers, headers]) {
      const sse = await openSse(`${baseUrl}/api/events`, h);
      await sse.waitFor((m) => m.event === "stream.ready");
      streams.push(sse);
    }
    const [oldest, otherCallers, second, newest] = streams;
    await oldest?.waitForEnd();
    expect(oldest?.messages.at(-1)).toMatchObject({ event: "stream.closed", data: { reason: "replaced" } });
    await guestMessage("still live");
    for (const sse of [otherCallers, second, newest]) {
      await sse?.waitFor((m) => m.event === "contact.updated");
      expect(sse?.ended).toBe(false);
      await sse?.close();
    }
  });

  it("drops a client that stops reading once its unsent output passes EVENTS_MAX_BUFFERED_KB", async () => {
    const { t, baseUrl } = await startApp({ EVENTS_MAX_BUFFERED_KB: "64" });
    const { authorization } = await apiKeyHeaders(t, "ADMIN");
    const url = new URL(`${baseUrl}/api/events`);
    const socket = connect(Number(url.port), url.hostname);
    let received = "";
    let ended = false;
    socket.on("data", (chunk) => {
      received += chunk.toString();
    });
    socket.on("close", () => {
      ended = true;
    });
    socket.write(
      `GET /api/events HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: ${authorization}\r\nAccept: text/event-stream\r\n\r\n`,
    );
    while (!received.includes("stream.ready")) await new Promise((resolve) => setTimeout(resolve, 10));
    socket.pause();

    // Straight onto the bus, as a committed event is handed over: 40 MB a slow reader never takes.
    const text = "x".repeat(64 * 1024);
    for (let id = 1_000_000; id < 1_000_640 && t.deps.bus.listenerCount() > 0; id++) {
      t.deps.bus.publish({
        id,
        type: "contact.updated",
        propertyId: null,
        threadId: null,
        payload: { text },
        createdAt: new Date().toISOString(),
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(t.deps.bus.listenerCount()).toBe(0);
    socket.resume();
    const deadline = Date.now() + 5_000;
    while (!ended && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ended).toBe(true);
    socket.destroy();
  });
});
