import { ContactListResponse } from "@contract/contacts";
import { StartConversationResponse } from "@contract/conversations";
import { ErrorResponse } from "@contract/errors";
import { ThreadDetailResponse, ThreadListResponse } from "@contract/threads";
import { contacts, threads } from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { createBooking, day } from "@test/factories";
import { createTestProperties, sessionHeaders } from "@test/staff-session";
import { buildTestApp, type TestApp } from "@test/test-app";
import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Staff start a conversation from the inbox (a found guest, a typed number) or from a booking: the
// guest's thread in the chosen property is found or created by linkThread's rules, never duplicated.
let t: TestApp;
let agent: Record<string, string>;
let goa = 0;
let blr = 0;

beforeAll(async () => {
  t = await buildTestApp();
  const ids = await createTestProperties(t, "GOA", "BLR");
  goa = ids.GOA ?? 0;
  blr = ids.BLR ?? 0;
  agent = await sessionHeaders(t, "AGENT", ["GOA"]);
});
afterAll(() => t.close());

const start = (payload: object, headers = agent) =>
  t.app.inject({ method: "POST", url: "/api/conversations", headers, payload });

async function openThreadsOf(phone: string) {
  const [contact] = await t.database.db.select().from(contacts).where(eq(contacts.phone, phone));
  if (!contact) return [];
  return t.database.db
    .select()
    .from(threads)
    .where(and(eq(threads.contactId, contact.id), ne(threads.status, "RESOLVED")));
}

describe("POST /api/conversations", () => {
  it("a new number, typed in the chosen country's format, creates the contact and an open thread in that property", async () => {
    const res = await start({
      propertyId: goa,
      channel: "WHATSAPP",
      phone: "098450 11111",
      country: "IN",
      name: "Nisha Menon",
    });
    expect(res.statusCode, res.body).toBe(201);
    const answer = StartConversationResponse.parse(res.json());
    expect(answer.created).toBe(true);
    const [thread] = await openThreadsOf("919845011111");
    expect(thread).toMatchObject({ id: answer.threadId, propertyId: goa, status: "OPEN" });

    const detail = await t.app.inject({
      method: "GET",
      url: `/api/threads/${answer.threadId}`,
      headers: agent,
    });
    const body = ThreadDetailResponse.parse(detail.json());
    expect(body.contact).toMatchObject({ name: "Nisha Menon", phone: "919845011111" });
    // No guest message yet: WhatsApp's window is closed, so the composer starts with a template.
    expect(body.thread.whatsappWindow.open).toBe(false);
    const list = ThreadListResponse.parse(
      (await t.app.inject({ method: "GET", url: "/api/threads", headers: agent })).json(),
    );
    expect(list.threads.map((r) => r.id)).toContain(answer.threadId);

    // A number from another country, with its own code: the country picker does not get in the way.
    const abroad = await start({ propertyId: goa, channel: "SMS", phone: "+44 7700 900123", country: "IN" });
    expect(abroad.statusCode, abroad.body).toBe(201);
    expect(await openThreadsOf("447700900123")).toHaveLength(1);
  });

  it("an existing guest's open thread in that property is continued, found by contact or by any phone format", async () => {
    const inbound = await addDemoMessage(t.ctx(), {
      phone: "919845022222",
      name: "Arjun Rao",
      channel: "SMS",
      direction: "INBOUND",
      text: "Is the spa open?",
      at: new Date(),
    });
    const threadId = inbound.thread.id;
    await t.database.db.update(threads).set({ propertyId: goa }).where(eq(threads.id, threadId));

    for (const guest of [
      { contactId: inbound.contact.id },
      { phone: "+91 98450 22222" },
      { phone: "9845022222" },
      { phone: "098450-22222", country: "IN" },
    ]) {
      const res = await start({ propertyId: goa, channel: "WHATSAPP", ...guest });
      expect(res.statusCode, res.body).toBe(200);
      expect(StartConversationResponse.parse(res.json())).toEqual({
        threadId,
        contactId: inbound.contact.id,
        created: false,
      });
    }
    expect((await openThreadsOf("919845022222")).map((r) => r.id)).toEqual([threadId]);
  });

  it("five staff starting with the same new number at once make one contact and one thread", async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        start({ propertyId: goa, channel: "WHATSAPP", phone: "+91 98450 99999" }),
      ),
    );
    const ids = answers.map((res) => StartConversationResponse.parse(res.json()).threadId);
    expect(new Set(ids).size).toBe(1);
    expect(answers.map((res) => res.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(await openThreadsOf("919845099999")).toHaveLength(1);
  });

  it("a resolved thread is reopened rather than a second one opened", async () => {
    const first = StartConversationResponse.parse(
      (await start({ propertyId: goa, channel: "SMS", phone: "+91 98450 33333" })).json(),
    );
    await t.database.db
      .update(threads)
      .set({ status: "RESOLVED", resolvedAt: new Date() })
      .where(eq(threads.id, first.threadId));
    const again = await start({ propertyId: goa, channel: "SMS", phone: "+91 98450 33333" });
    expect(again.statusCode, again.body).toBe(200);
    expect(StartConversationResponse.parse(again.json()).threadId).toBe(first.threadId);
    expect((await openThreadsOf("919845033333")).map((r) => [r.id, r.status])).toEqual([
      [first.threadId, "OPEN"],
    ]);
  });

  it("from a booking: the booking's guest, in the booking's property, with the booking linked", async () => {
    const guest = await addDemoMessage(t.ctx(), {
      phone: "919845044444",
      name: "Kavya Shah",
      channel: "WHATSAPP",
      direction: "INBOUND",
      text: "hello",
      at: new Date(Date.now() - 40 * 86_400_000),
    });
    await t.database.db
      .update(threads)
      .set({ propertyId: goa, status: "RESOLVED" })
      .where(eq(threads.id, guest.thread.id));
    const booking = await createBooking(t.database.db, {
      reference: "GOA-ARRIVING",
      propertyId: goa,
      contactId: guest.contact.id,
      checkIn: day(new Date(), 1),
      checkOut: day(new Date(), 3),
    });
    const res = await start({ bookingId: booking.id, channel: "WHATSAPP" });
    expect(res.statusCode, res.body).toBe(201);
    const { threadId } = StartConversationResponse.parse(res.json());
    const [thread] = await t.database.db.select().from(threads).where(eq(threads.id, threadId));
    expect(thread).toMatchObject({ propertyId: goa, bookingId: booking.id, contactId: guest.contact.id });

    // The inbox's guest search finds the guest by the booking reference and by a national number.
    for (const search of ["goa-arriving", "098450 44444"]) {
      const found = await t.app.inject({
        method: "GET",
        url: `/api/contacts?search=${encodeURIComponent(search)}`,
        headers: agent,
      });
      expect(ContactListResponse.parse(found.json()).contacts.map((c) => c.id)).toContain(guest.contact.id);
    }
  });

  it("refuses another property, its guests and its bookings with 404", async () => {
    const other = await start({ propertyId: blr, channel: "SMS", phone: "+91 98450 55555" });
    expect(other.statusCode, other.body).toBe(404);
    expect(await openThreadsOf("919845055555")).toEqual([]);
    const blrGuest = await addDemoMessage(t.ctx(), {
      phone: "919845066666",
      name: "Blr Only",
      channel: "SMS",
      direction: "INBOUND",
      text: "hi",
      at: new Date(),
    });
    await t.database.db
      .update(threads)
      .set({ propertyId: blr })
      .where(eq(threads.contactId, blrGuest.contact.id));
    const byContact = await start({ propertyId: goa, channel: "SMS", contactId: blrGuest.contact.id });
    expect(byContact.statusCode).toBe(404);
    expect(byContact.body).not.toContain("Blr Only");
    const booking = await createBooking(t.database.db, {
      propertyId: blr,
      contactId: blrGuest.contact.id,
      checkIn: day(new Date(), 1),
      checkOut: day(new Date(), 2),
    });
    expect((await start({ bookingId: booking.id, channel: "SMS" })).statusCode).toBe(404);
    expect((await start({ bookingId: booking.id, propertyId: goa, channel: "SMS" })).statusCode).toBe(404);
  });

  it("refuses an invalid number with 400 in words, and a request naming no guest or two", async () => {
    const res = await start({ propertyId: goa, channel: "WHATSAPP", phone: "12", country: "IN" });
    expect(res.statusCode).toBe(400);
    const error = ErrorResponse.parse(res.json()).error;
    expect(error.code).toBe("INVALID_PHONE");
    expect(error.message).toMatch(/not a phone number/);
    const letters = await start({ propertyId: goa, channel: "WHATSAPP", phone: "call me" });
    expect(ErrorResponse.parse(letters.json()).error.code).toBe("INVALID_PHONE");
    const none = await start({ propertyId: goa, channel: "SMS" });
    expect(none.statusCode).toBe(400);
    expect(ErrorResponse.parse(none.json()).error.message).toMatch(
      /exactly one of contactId, phone or bookingId/,
    );
    const two = await start({ propertyId: goa, channel: "SMS", contactId: 1, phone: "+91 98450 77777" });
    expect(two.statusCode).toBe(400);
    const country = await start({ propertyId: goa, channel: "SMS", phone: "9845077777", country: "India" });
    expect(country.statusCode).toBe(400);
  });

  it("refuses a guest who opted out of the channel, in words, and allows the other channel", async () => {
    const guest = await addDemoMessage(t.ctx(), {
      phone: "919845088888",
      name: "Rohan Iyer",
      channel: "SMS",
      direction: "INBOUND",
      text: "hi",
      at: new Date(),
    });
    await t.database.db
      .update(threads)
      .set({ propertyId: goa })
      .where(eq(threads.contactId, guest.contact.id));
    await t.database.db
      .update(contacts)
      .set({ whatsappOptedOut: true })
      .where(eq(contacts.id, guest.contact.id));
    const refused = await start({ propertyId: goa, channel: "WHATSAPP", contactId: guest.contact.id });
    expect(refused.statusCode).toBe(409);
    const error = ErrorResponse.parse(refused.json()).error;
    expect(error.code).toBe("CONTACT_OPTED_OUT");
    expect(error.message).toMatch(/^Rohan Iyer opted out of WhatsApp messages/);
    const sms = await start({ propertyId: goa, channel: "SMS", phone: "+91 98450 88888" });
    expect(sms.statusCode, sms.body).toBe(200);
  });
});
