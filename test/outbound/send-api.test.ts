import { contacts, messageLogs, threads } from "@server/db/schema/index";
import type { BusEvent } from "@server/realtime/event-bus";
import { createProperty } from "@test/factories";
import { type OutboundHarness, startOutboundHarness } from "@test/outbound-harness";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// POST /api/messages/send end to end: the real app and worker, the real adapters, the Gupshup simulator
// over real HTTP. The app enforces the 24-hour window itself (the simulator's check is off).

let h: OutboundHarness;
beforeAll(async () => {
  h = await startOutboundHarness();
});
afterAll(() => h.close());

let next = 0;
/** A fresh Indian mobile number per test, written the way a person would. */
const phone = () =>
  `98${String(Date.now() % 1_000_000).padStart(6, "0")}${String(next++ % 100).padStart(2, "0")}`;
const messageCount = async () =>
  (await h.t.database.db.select({ n: sql<number>`count(*)::int` }).from(messageLogs))[0]?.n ?? 0;

describe("POST /api/messages/send", () => {
  it("answers 200 with the SENT message for a guest inside the 24-hour window", async () => {
    const national = phone();
    const digits = `91${national}`;
    await h.guestWrites(digits);
    // Callbacks a little later than the send answer, so the reply shows SENT rather than DELIVERED.
    h.simulator.setKnobs({ delaysMs: { enqueued: 500 } });
    const res = await h.send({
      phone: `+91 ${national.slice(0, 5)} ${national.slice(5)}`,
      message: "Your room is ready",
      channel: "WHATSAPP",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      message: {
        phone: digits,
        message: "Your room is ready",
        channel: "WHATSAPP",
        direction: "OUTBOUND",
        status: "SENT",
        provider: "GUPSHUP",
        sendState: "ACCEPTED",
        attemptCount: 1,
      },
    });
    expect(res.body.message.providerMessageId).toEqual(expect.any(String));
    expect(h.sendsTo(digits)).toHaveLength(1);
    h.simulator.setKnobs({ delaysMs: { enqueued: 0 } });
    // The simulator's callbacks move it on to DELIVERED and READ.
    await h.waitFor(async () => (await h.message(res.body.message.id)).status === "READ");
  });

  it("tells the inbox of the thread's property that the provider accepted the send", async () => {
    const digits = `91${phone()}`;
    await h.guestWrites(digits);
    // The guest's thread belongs to a property (a send scoped to nobody would pass trivially).
    const property = await createProperty(h.t.database.db);
    const [contact] = await h.t.database.db.select().from(contacts).where(eq(contacts.phone, digits));
    await h.t.database.db
      .update(threads)
      .set({ propertyId: property.id })
      .where(eq(threads.contactId, contact?.id ?? 0));
    const published: BusEvent[] = [];
    const unsubscribe = h.t.deps.bus.subscribe((e) => published.push(e));
    try {
      const res = await h.send({ phone: digits, message: "Breakfast is until 10", channel: "WHATSAPP" });
      expect(res.status).toBe(200);
      const [row] = await h.t.database.db
        .select({ propertyId: threads.propertyId })
        .from(messageLogs)
        .innerJoin(threads, eq(threads.id, messageLogs.threadId))
        .where(eq(messageLogs.id, res.body.message.id));
      expect(row?.propertyId).toBe(property.id);
      const accepted = published.find(
        (e) =>
          e.type === "message.updated" &&
          (e.payload as { id: number; sendState: string }).id === res.body.message.id &&
          (e.payload as { sendState: string }).sendState === "ACCEPTED",
      );
      expect(accepted).toMatchObject({ propertyId: row?.propertyId, threadId: res.body.message.threadId });
    } finally {
      unsubscribe();
    }
  });

  it("answers 422 SESSION_WINDOW_CLOSED outside the window, storing nothing, and an SMS still goes out", async () => {
    const digits = `91${phone()}`;
    const before = await messageCount();
    const refused = await h.send({ phone: digits, message: "Hello", channel: "WHATSAPP" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("SESSION_WINDOW_CLOSED");
    expect(refused.body.error.message).toMatch(/template/);
    expect(await messageCount()).toBe(before);
    expect(await h.t.database.db.select().from(contacts).where(eq(contacts.phone, digits))).toEqual([]);

    const sms = await h.send({ phone: digits, message: "Hello by SMS", channel: "SMS" });
    expect(sms.status).toBe(200);
    expect(sms.body.message).toMatchObject({ channel: "SMS", sendState: "ACCEPTED", phone: digits });
    // The delivery report may already have been applied.
    expect(["SENT", "DELIVERED"]).toContain(sms.body.message.status);
    expect(h.sendsTo(digits).map((r) => r.kind)).toEqual(["sms"]);
  });
});

describe("input rules: a 4xx naming the problem, nothing stored", () => {
  const cases: Array<[string, unknown, number, string, RegExp?]> = [
    ["an unparseable phone", { phone: "call me", message: "x", channel: "SMS" }, 400, "INVALID_PHONE"],
    [
      "no text, template or media",
      { phone: "+919812345678", channel: "SMS" },
      400,
      "VALIDATION_FAILED",
      /message/,
    ],
    [
      "an unknown channel",
      { phone: "+919812345678", message: "x", channel: "FAX" },
      400,
      "VALIDATION_FAILED",
      /channel/,
    ],
    [
      "WhatsApp text over 4096 characters",
      { phone: "+919812345678", message: "x".repeat(4097), channel: "WHATSAPP" },
      400,
      "MESSAGE_TOO_LONG",
    ],
    [
      "an SMS over the segment limit (GSM-7)",
      { phone: "+919812345678", message: "x".repeat(6 * 153 + 1), channel: "SMS" },
      400,
      "MESSAGE_TOO_LONG",
      /GSM-7/,
    ],
    [
      "an SMS over the segment limit (UCS-2)",
      { phone: "+919812345678", message: "नमस्ते".repeat(70), channel: "SMS" },
      400,
      "MESSAGE_TOO_LONG",
      /UCS-2/,
    ],
    [
      "media on SMS",
      { phone: "+919812345678", channel: "SMS", media: { type: "image", url: "https://cdn.example/a.jpg" } },
      400,
      "VALIDATION_FAILED",
      /media/,
    ],
    [
      "media whose file is not its type",
      {
        phone: "+919812345678",
        channel: "WHATSAPP",
        media: { type: "image", url: "https://cdn.example/a.pdf" },
      },
      400,
      "VALIDATION_FAILED",
      /media\.url/,
    ],
    [
      "an unknown template",
      { phone: "+919812345678", channel: "WHATSAPP", templateId: "no-such-template", templateParams: [] },
      422,
      "TEMPLATE_INVALID",
    ],
    [
      "a template with the wrong parameter count",
      {
        phone: "+919812345678",
        channel: "WHATSAPP",
        templateId: "6b1f7a52-2f0c-4c38-9a57-3c9d1f0e8a01",
        templateParams: ["Asha"],
      },
      422,
      "TEMPLATE_INVALID",
      /4 parameters/,
    ],
  ];
  it.each(cases)("refuses %s", async (_name, body, status, code, message) => {
    const before = await messageCount();
    const res = await h.send(body);
    expect([res.status, res.body.error.code]).toEqual([status, code]);
    if (message) expect(res.body.error.message).toMatch(message);
    expect(await messageCount()).toBe(before);
  });

  it("accepts an SMS at exactly the segment limit", async () => {
    const res = await h.send({ phone: `91${phone()}`, message: "x".repeat(6 * 153), channel: "SMS" });
    expect(res.status).toBe(200);
  });

  it("refuses a guest who opted out of the channel with 409 CONTACT_OPTED_OUT", async () => {
    const digits = `91${phone()}`;
    await h.guestWrites(digits);
    await h.t.database.db.update(contacts).set({ whatsappOptedOut: true }).where(eq(contacts.phone, digits));
    const before = await messageCount();
    const res = await h.send({ phone: digits, message: "Hi", channel: "WHATSAPP" });
    expect([res.status, res.body.error.code]).toEqual([409, "CONTACT_OPTED_OUT"]);
    expect(await messageCount()).toBe(before);
    expect((await h.send({ phone: digits, message: "Hi", channel: "SMS" })).status).toBe(200);
  });
});

describe("media by URL", () => {
  it("sends an image with its caption inside the window", async () => {
    const digits = `91${phone()}`;
    await h.guestWrites(digits);
    const res = await h.send({
      phone: digits,
      channel: "WHATSAPP",
      media: { type: "image", url: "https://cdn.example/rooms/deluxe.jpg", caption: "Your room" },
    });
    expect(res.status).toBe(200);
    expect(res.body.message).toMatchObject({
      status: "SENT",
      message: "Your room",
      media: { type: "image", url: "https://cdn.example/rooms/deluxe.jpg", caption: "Your room" },
    });
    const [request] = h.sendsTo(digits);
    expect(JSON.parse(request?.fields.message ?? "{}")).toMatchObject({
      type: "image",
      originalUrl: "https://cdn.example/rooms/deluxe.jpg",
      caption: "Your room",
    });
  });
});

describe("templates", () => {
  it("lists the provider's approved templates, synced, with their parameter counts", async () => {
    const res = await h.api("GET", "/api/templates?channel=WHATSAPP");
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.templates.map((t: { name: string }) => [t.name, t]));
    expect(byName.booking_confirmation).toMatchObject({
      providerTemplateId: "6b1f7a52-2f0c-4c38-9a57-3c9d1f0e8a01",
      paramCount: 4,
      status: "APPROVED",
      channel: "WHATSAPP",
    });
    expect((await h.api("GET", "/api/templates?channel=SMS")).body.templates).toEqual([]);
  });

  it("sends an approved template outside the window, storing the rendered text", async () => {
    const digits = `91${phone()}`;
    const list = await h.api("GET", "/api/templates");
    const template = list.body.templates.find((t: { name: string }) => t.name === "checkin_reminder");
    const res = await h.send({
      phone: digits,
      channel: "WHATSAPP",
      templateId: template.id,
      templateParams: ["Asha", "Hotel Alpha", "2 pm"],
    });
    expect(res.status).toBe(200);
    expect(res.body.message).toMatchObject({
      status: "SENT",
      templateId: template.providerTemplateId,
      templateParams: ["Asha", "Hotel Alpha", "2 pm"],
      message:
        "Hi Asha, see you tomorrow at Hotel Alpha! Check-in starts at 2 pm. Reply here if you need anything.",
    });
    expect(h.sendsTo(digits).map((r) => r.kind)).toEqual(["template"]);
    await h.waitFor(async () => (await h.message(res.body.message.id)).status === "READ");
  });

  it("marks templates the provider no longer lists as DELETED, and refuses them", async () => {
    const keep = h.simulator.state.templates.filter((t) => t.elementName !== "stay_feedback");
    const original = [...h.simulator.state.templates];
    h.simulator.state.templates = keep;
    try {
      const sync = await h.api("POST", "/api/templates/sync");
      expect(sync.body).toEqual({ synced: keep.length, removed: 1 });
      const names = (await h.api("GET", "/api/templates")).body.templates.map(
        (t: { name: string }) => t.name,
      );
      expect(names).not.toContain("stay_feedback");
      const res = await h.send({
        phone: `91${phone()}`,
        channel: "WHATSAPP",
        templateId: "9d2a6c4e-1b3f-4e5a-8c7d-6f5e4d3c2b03",
        templateParams: ["Asha"],
      });
      expect([res.status, res.body.error.code]).toEqual([422, "TEMPLATE_INVALID"]);
    } finally {
      h.simulator.state.templates = original;
      await h.api("POST", "/api/templates/sync");
    }
  });
});

describe("idempotency keys", () => {
  it("returns the same message for the same key and body, 409 for another body, per caller", async () => {
    const digits = `91${phone()}`;
    const key = { ...h.admin, "idempotency-key": `k-${digits}` };
    const body = { phone: digits, message: "Booking confirmed", channel: "SMS" };
    const first = await h.send(body, key);
    const again = await h.send(body, key);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.message.id).toBe(first.body.message.id);
    expect(h.sendsTo(digits)).toHaveLength(1);

    const other = await h.send({ ...body, message: "Something else" }, key);
    expect([other.status, other.body.error.code]).toEqual([409, "IDEMPOTENCY_KEY_REUSED"]);

    const { apiKeyHeaders } = await import("@test/test-app");
    const otherCaller = await apiKeyHeaders(h.t, "ADMIN");
    const theirs = await h.send(body, { ...otherCaller, "idempotency-key": `k-${digits}` });
    expect(theirs.body.message.id).not.toBe(first.body.message.id);
  });
});

describe("messages: listing, detail", () => {
  it("lists by phone and direction with a cursor, and shows attempts and status history", async () => {
    const digits = `91${phone()}`;
    const ids: number[] = [];
    for (const text of ["one", "two", "three"])
      ids.push((await h.send({ phone: digits, message: text, channel: "SMS" })).body.message.id);
    const page1 = await h.api("GET", `/api/messages?phone=${digits}&direction=OUTBOUND&limit=2`);
    expect(page1.body.messages.map((m: { id: number }) => m.id)).toEqual([ids[2], ids[1]]);
    const page2 = await h.api("GET", `/api/messages?phone=${digits}&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.messages.map((m: { id: number }) => m.id)).toEqual([ids[0]]);
    expect(page2.body.nextCursor).toBeNull();

    await h.waitFor(async () => (await h.message(ids[0] ?? 0)).status === "DELIVERED");
    const detail = await h.api("GET", `/api/messages/${ids[0]}`);
    expect(detail.status).toBe(200);
    expect(detail.body.attempts).toMatchObject([{ attemptNo: 1, outcome: "ACCEPTED", httpStatus: null }]);
    expect(detail.body.statusHistory.map((s: { status: string }) => s.status)).toContain("DELIVERED");
    expect((await h.api("GET", "/api/messages/999999")).status).toBe(404);
  });
});

describe("POST /api/threads/:id/reply", () => {
  it("replies to the thread's guest as the signed-in staff member", async () => {
    const digits = `91${phone()}`;
    await h.guestWrites(digits, "Is breakfast included?");
    const [inbound] = await h.t.database.db.select().from(messageLogs).where(eq(messageLogs.phone, digits));
    const { createTestStaff, signIn } = await import("@test/staff-session");
    const staff = await createTestStaff(h.t, { role: "ADMIN" });
    const session = await signIn(h.t, staff);
    const res = await h.api(
      "POST",
      `/api/threads/${inbound?.threadId}/reply`,
      { channel: "WHATSAPP", message: "Yes, from 7 to 10." },
      session.headers,
    );
    expect(res.status).toBe(200);
    expect(res.body.message).toMatchObject({
      threadId: inbound?.threadId,
      phone: digits,
      status: "SENT",
      senderStaffId: staff.id,
    });
    const thread = await h.api("GET", `/api/threads/${inbound?.threadId}`);
    expect(thread.body.thread.lastPreview).toBe("Yes, from 7 to 10.");
  });
});

describe("GUPSHUP_ENABLED=false", () => {
  it("answers 503 PROVIDER_DISABLED", async () => {
    const { buildTestApp, apiKeyHeaders } = await import("@test/test-app");
    const off = await buildTestApp({ GUPSHUP_ENABLED: "false" });
    try {
      const res = await off.app.inject({
        method: "POST",
        url: "/api/messages/send",
        headers: await apiKeyHeaders(off, "ADMIN"),
        payload: { phone: "+919812345678", message: "x", channel: "SMS" },
      });
      expect([res.statusCode, res.json().error.code]).toEqual([503, "PROVIDER_DISABLED"]);
    } finally {
      await off.close();
    }
  });
});
