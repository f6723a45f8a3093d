import { ContactListResponse } from "@contract/contacts";
import { PropertyListResponse } from "@contract/properties";
import { StaffListResponse } from "@contract/staff";
import { ThreadListResponse } from "@contract/threads";
import { bookings, callLogs, contacts, emailMessages, threadNotes, threads } from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { createBooking, createProperty, createStaff } from "@test/factories";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A manager of property A walks every route of the hub with property B's ids: always 404 (or an empty
// list), never B's data, and nothing of B's changes.
let t: TestApp;
let a: { authorization: string };
const b = {
  property: 0,
  thread: 0,
  contact: 0,
  staff: 0,
  reference: "B-REF-1",
  booking: 0,
  aContact: 0,
  aThread: 0,
  aProperty: 0,
};

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  b.aProperty = (await createProperty(db, { code: "A", whatsappNumber: "917000000001", isDefault: true })).id;
  b.property = (await createProperty(db, { code: "B", whatsappNumber: "917000000002" })).id;
  b.staff = (await createStaff(db, [b.property], { name: "B Staff" })).id;
  const secret = await addDemoMessage(t.ctx(), {
    phone: "919800000002",
    name: "Secret Guest",
    channel: "WHATSAPP",
    direction: "INBOUND",
    text: "secret text",
    at: new Date(),
    receivingNumber: "917000000002",
  });
  b.thread = secret.thread.id;
  b.contact = secret.contact.id;
  await db.update(contacts).set({ email: "secret@guest.example" }).where(eq(contacts.id, b.contact));
  b.booking = (
    await createBooking(db, {
      reference: b.reference,
      propertyId: b.property,
      contactId: b.contact,
      checkIn: "2030-01-01",
      checkOut: "2030-01-02",
    })
  ).id;
  const mine = await addDemoMessage(t.ctx(), {
    phone: "919800000001",
    channel: "SMS",
    direction: "INBOUND",
    text: "hi",
    at: new Date(),
  });
  b.aContact = mine.contact.id;
  b.aThread = mine.thread.id;
  a = await apiKeyHeaders(t, "MANAGER", ["A"]);
});
afterAll(() => t.close());

const send = (method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: object) =>
  t.app.inject({ method, url, headers: a, payload });

describe("property scoping", () => {
  it("answers 404 on every route addressed by another property's ids", async () => {
    const walk: Array<[Parameters<typeof send>[0], string, object?]> = [
      ["GET", `/api/threads/${b.thread}`],
      ["GET", `/api/threads/${b.thread}/timeline`],
      ["POST", `/api/threads/${b.thread}/notes`, { body: "peek" }],
      ["POST", `/api/threads/${b.thread}/assign`, { staffUserId: null }],
      ["POST", `/api/threads/${b.thread}/status`, { status: "RESOLVED" }],
      ["POST", `/api/threads/${b.thread}/read`],
      ["POST", `/api/threads/${b.aThread}/assign`, { staffUserId: b.staff }],
      ["GET", `/api/contacts/${b.contact}`],
      ["PATCH", `/api/contacts/${b.contact}`, { name: "changed", whatsappOptedOut: true }],
      ["POST", `/api/contacts/${b.contact}/merge`, { intoContactId: b.aContact }],
      ["POST", `/api/contacts/${b.aContact}/merge`, { intoContactId: b.contact }],
      [
        "PUT",
        `/api/bookings/${b.reference}`,
        { propertyCode: "A", checkIn: "2030-01-01", checkOut: "2030-01-03" },
      ],
      ["PUT", "/api/bookings/NEW-IN-B", { propertyCode: "B", checkIn: "2030-01-01", checkOut: "2030-01-03" }],
      ["PATCH", `/api/staff/${b.staff}`, { isActive: false }],
      ["POST", "/api/conversations", { propertyId: b.property, channel: "SMS", phone: "+91 98000 00002" }],
      ["POST", "/api/conversations", { propertyId: b.aProperty, channel: "SMS", contactId: b.contact }],
      ["POST", "/api/conversations", { bookingId: b.booking, channel: "WHATSAPP" }],
      [
        "POST",
        "/api/calls",
        {
          phone: "919800000002",
          direction: "INBOUND",
          status: "MISSED",
          startedAt: new Date().toISOString(),
        },
      ],
      [
        "POST",
        "/api/emails",
        {
          from: "secret@guest.example",
          to: "desk@a.example",
          direction: "INBOUND",
          sentAt: new Date().toISOString(),
        },
      ],
    ];
    for (const [method, url, payload] of walk) {
      const res = await send(method, url, payload);
      const expected = url.endsWith("/assign") && !url.includes(String(b.thread)) ? 400 : 404;
      expect([method, url, res.statusCode]).toEqual([method, url, expected]);
      expect(res.body).not.toContain("Secret");
      expect(res.body).not.toContain("secret");
    }
    expect((await send("PATCH", `/api/properties/${b.property}`, { name: "mine now" })).statusCode).toBe(403);
  });

  it("lists nothing of the other property", async () => {
    const lists = [
      ThreadListResponse.parse((await send("GET", `/api/threads?propertyId=${b.property}`)).json()).threads,
      ThreadListResponse.parse((await send("GET", "/api/threads?search=secret")).json()).threads,
      ContactListResponse.parse((await send("GET", "/api/contacts?search=secret")).json()).contacts,
    ];
    for (const list of lists) expect(list).toEqual([]);
    const props = PropertyListResponse.parse((await send("GET", "/api/properties")).json()).properties;
    expect(props.map((p) => p.code)).toEqual(["A"]);
    const staff = StaffListResponse.parse((await send("GET", "/api/staff")).json()).staff;
    expect(staff.map((s) => s.id)).not.toContain(b.staff);
  });

  it("changed nothing of the other property", async () => {
    const db = t.database.db;
    const [thread] = await db.select().from(threads).where(eq(threads.id, b.thread));
    expect(thread).toMatchObject({ status: "OPEN", unreadCount: 1, contactId: b.contact });
    const [contact] = await db.select().from(contacts).where(eq(contacts.id, b.contact));
    expect(contact).toMatchObject({ name: "Secret Guest", whatsappOptedOut: false, mergedIntoId: null });
    expect(await db.select().from(threadNotes)).toEqual([]);
    expect(await db.select().from(callLogs)).toEqual([]);
    expect(await db.select().from(emailMessages)).toEqual([]);
    const refs = (await db.select().from(bookings)).map((row) => [row.reference, row.checkOut]);
    expect(refs).toEqual([[b.reference, "2030-01-02"]]);
  });
});
