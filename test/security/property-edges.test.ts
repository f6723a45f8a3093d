import { UpsertBookingResponse } from "@contract/bookings";
import { StaffResponse } from "@contract/staff";
import { contacts, propertyMemberships, staffUsers } from "@server/db/schema/index";
import { createProperty, createStaff } from "@test/factories";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 14, finding 5: a property reached past its boundary through a booking (linking another
// property's guest by phone, then reading and changing their contact) and through staff edits (a
// manager promoting, renaming or re-addressing someone who also works for another property).

let t: TestApp;
let admin: { authorization: string };
let goa: number;
let blr: number;
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await buildTestApp();
  goa = (await createProperty(t.database.db, { code: "GOA" })).id;
  blr = (await createProperty(t.database.db, { code: "BLR" })).id;
  admin = await apiKeyHeaders(t, "ADMIN");
});
afterAll(() => t.close());

const call = (method: "GET" | "PUT" | "PATCH" | "POST", url: string, headers: object, payload?: object) =>
  t.app.inject({ method, url, headers: headers as Record<string, string>, payload });

describe("a booking links only a guest its property can already see", () => {
  it("does not open a BLR guest's contact to a GOA agent who books their phone", async () => {
    const blrAgent = await apiKeyHeaders(t, "AGENT", ["BLR"]);
    const goaAgent = await apiKeyHeaders(t, "AGENT", ["GOA"]);
    const guest = { guestName: "Asha Rao", phone: "+91 98765 43210", email: "asha@example.com" };
    const stay = { checkIn: day(1), checkOut: day(3) };
    const blrBooking = UpsertBookingResponse.parse(
      (await call("PUT", "/api/bookings/BLR-1", blrAgent, { ...guest, ...stay, propertyCode: "BLR" })).json(),
    ).booking;
    const contactId = blrBooking.contactId;
    expect(contactId).not.toBeNull();
    expect((await call("GET", `/api/contacts/${contactId}`, goaAgent)).statusCode).toBe(404);

    const attack = await call("PUT", "/api/bookings/GOA-1", goaAgent, {
      guestName: "Someone Else",
      phone: "9876543210",
      email: "attacker@example.com",
      propertyCode: "GOA",
      ...stay,
    });
    expect(attack.statusCode, attack.body).toBe(201);
    const goaBooking = UpsertBookingResponse.parse(attack.json()).booking;
    expect(goaBooking).toMatchObject({ contactId: null, phone: "919876543210", guestName: "Someone Else" });

    expect((await call("GET", `/api/contacts/${contactId}`, goaAgent)).statusCode).toBe(404);
    const listed = (await call("GET", "/api/contacts", goaAgent)).json() as {
      contacts: Array<{ id: number }>;
    };
    expect(listed.contacts.map((c) => c.id)).not.toContain(contactId);
    const change = await call("PATCH", `/api/contacts/${contactId}`, goaAgent, { name: "Renamed" });
    expect(change.statusCode).toBe(404);
    const [contact] = await t.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.id, contactId ?? 0));
    expect(contact).toMatchObject({ name: "Asha Rao", email: "asha@example.com" });

    // BLR still sees its guest; an admin's booking (the booking system's sync key) links as before.
    expect((await call("GET", `/api/contacts/${contactId}`, blrAgent)).statusCode).toBe(200);
    const synced = await call("PUT", "/api/bookings/GOA-2", admin, {
      ...guest,
      ...stay,
      propertyCode: "GOA",
    });
    expect(UpsertBookingResponse.parse(synced.json()).booking.contactId).toBe(contactId);
  });

  it("still creates and links a new guest's contact, and links a guest the property already sees", async () => {
    const goaAgent = await apiKeyHeaders(t, "AGENT", ["GOA"]);
    const stay = { checkIn: day(1), checkOut: day(3), propertyCode: "GOA" };
    const first = UpsertBookingResponse.parse(
      (await call("PUT", "/api/bookings/GOA-NEW-1", goaAgent, { ...stay, phone: "9811100031" })).json(),
    ).booking;
    expect(first.contactId).not.toBeNull();
    const again = UpsertBookingResponse.parse(
      (await call("PUT", "/api/bookings/GOA-NEW-2", goaAgent, { ...stay, phone: "9811100031" })).json(),
    ).booking;
    expect(again.contactId).toBe(first.contactId);
  });
});

describe("a manager changes only what lies inside their properties", () => {
  const membershipsOf = async (staffUserId: number) =>
    (
      await t.database.db
        .select({ propertyId: propertyMemberships.propertyId })
        .from(propertyMemberships)
        .where(eq(propertyMemberships.staffUserId, staffUserId))
    )
      .map((m) => m.propertyId)
      .sort();
  const staffRow = async (id: number) =>
    (await t.database.db.select().from(staffUsers).where(eq(staffUsers.id, id)))[0];

  it("cannot promote, rename, re-address or deactivate someone who also works for BLR", async () => {
    const goaManager = await apiKeyHeaders(t, "MANAGER", ["GOA"]);
    const shared = await createStaff(t.database.db, [goa, blr], { name: "Shared Agent" });
    const before = await staffRow(shared.id);
    for (const change of [
      { role: "MANAGER" },
      { email: "taken-over@goa.example" },
      { name: "Renamed" },
      { isActive: false },
    ]) {
      const res = await call("PATCH", `/api/staff/${shared.id}`, goaManager, change);
      expect(res.statusCode, `${JSON.stringify(change)}: ${res.body}`).toBe(403);
    }
    expect(await staffRow(shared.id)).toMatchObject({
      role: before?.role,
      email: before?.email,
      name: "Shared Agent",
      isActive: true,
    });

    // What is GOA's to decide: its own membership, availability, the cap; a whole form sent back unchanged.
    const own = await call("PATCH", `/api/staff/${shared.id}`, goaManager, {
      name: "Shared Agent",
      email: before?.email,
      role: "AGENT",
      isActive: true,
      propertyIds: [],
      maxOpenThreads: 4,
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(StaffResponse.parse(own.json()).staff).toMatchObject({ propertyIds: [blr], maxOpenThreads: 4 });
    expect(await membershipsOf(shared.id)).toEqual([blr]);
  });

  it("gives no role at or above their own, to anyone", async () => {
    const goaManager = await apiKeyHeaders(t, "MANAGER", ["GOA"]);
    const agent = await createStaff(t.database.db, [goa], { name: "GOA Agent" });
    expect((await call("PATCH", `/api/staff/${agent.id}`, goaManager, { role: "MANAGER" })).statusCode).toBe(
      403,
    );
    const created = await call("POST", "/api/staff", goaManager, {
      email: "new.manager@goa.example",
      name: "New Manager",
      role: "MANAGER",
      propertyIds: [goa],
    });
    expect(created.statusCode).toBe(403);
    expect((await staffRow(agent.id))?.role).toBe("AGENT");

    const peer = await createStaff(t.database.db, [goa], { name: "Peer", role: "MANAGER" });
    expect((await call("PATCH", `/api/staff/${peer.id}`, goaManager, { role: "AGENT" })).statusCode).toBe(
      403,
    );
    const peerEmail = await call("PATCH", `/api/staff/${peer.id}`, goaManager, { email: "peer@x.example" });
    expect(peerEmail.statusCode).toBe(403);

    // Someone wholly GOA's and below the manager stays theirs to edit.
    const renamed = await call("PATCH", `/api/staff/${agent.id}`, goaManager, {
      name: "GOA Agent Two",
      email: "goa.agent.two@goa.example",
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });
});
