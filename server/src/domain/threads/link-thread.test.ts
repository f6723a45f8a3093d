import { bookings, contacts, properties, threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { createBooking, createProperty, day, uniquePhone } from "@test/factories";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkThread } from "./link-thread";

let t: TestHarness;
let defaultProperty: number;
const now = new Date();
const inbound = { channel: "WHATSAPP", direction: "INBOUND", at: now } as const;

beforeAll(async () => {
  t = await createTestHarness();
  defaultProperty = (await createProperty(t.database.db, { isDefault: true, whatsappNumber: "917000000001" }))
    .id;
});
afterAll(() => t.close());

const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
const resolve = (id: number, lastMessageAt: Date) =>
  t.database.db.update(threads).set({ status: "RESOLVED", lastMessageAt }).where(eq(threads.id, id));

describe(linkThread.name, () => {
  it("creates the contact (normalized phone) and a thread in the default property", async () => {
    const { contact, thread, created } = await linkThread(t.ctx(), {
      ...inbound,
      phone: "+91 98111 00001",
      name: "Andy",
    });
    expect(contact).toMatchObject({ phone: "919811100001", name: "Andy" });
    expect(thread).toMatchObject({ contactId: contact.id, propertyId: defaultProperty, status: "OPEN" });
    expect(created).toBe(true);
  });

  it("finds the same contact and thread whatever the number's format, on any channel", async () => {
    const first = await linkThread(t.ctx(), { ...inbound, phone: "919811100002" });
    for (const phone of ["+91 98111 00002", "098111 00002", "98111-00002"]) {
      const again = await linkThread(t.ctx(), { ...inbound, channel: "SMS", phone });
      expect([again.contact.id, again.thread.id, again.created]).toEqual([
        first.contact.id,
        first.thread.id,
        false,
      ]);
    }
  });

  it("continues a resolved thread active within THREAD_REUSE_DAYS, not an older one", async () => {
    const phone = uniquePhone();
    const first = await linkThread(t.ctx(), { ...inbound, phone });
    await resolve(first.thread.id, daysAgo(6));
    expect((await linkThread(t.ctx(), { ...inbound, phone })).thread.id).toBe(first.thread.id);
    await resolve(first.thread.id, daysAgo(8));
    const later = await linkThread(t.ctx(), { ...inbound, phone });
    expect(later.created).toBe(true);
    expect(later.thread.id).not.toBe(first.thread.id);
  });

  it("prefers the open thread over a more recent resolved one", async () => {
    const phone = uniquePhone();
    const other = await createProperty(t.database.db);
    const first = await linkThread(t.ctx(), { ...inbound, phone });
    const booking = await createBooking(t.database.db, {
      propertyId: other.id,
      checkIn: day(now, 1),
      checkOut: day(now, 3),
    });
    const second = await linkThread(t.ctx(), { ...inbound, phone, bookingId: booking.id });
    expect(second.thread.propertyId).toBe(other.id);
    await resolve(second.thread.id, now);
    await t.database.db
      .update(threads)
      .set({ lastMessageAt: daysAgo(1) })
      .where(eq(threads.id, first.thread.id));
    expect((await linkThread(t.ctx(), { ...inbound, phone })).thread.id).toBe(first.thread.id);
  });

  it("opens a new contact's thread in the property of their current or upcoming booking", async () => {
    const hotel = await createProperty(t.database.db);
    const phone = uniquePhone();
    const [contact] = await t.database.db.insert(contacts).values({ phone }).returning();
    if (!contact) throw new Error("no contact");
    await createBooking(t.database.db, {
      propertyId: hotel.id,
      contactId: contact.id,
      checkIn: day(now, -30),
      checkOut: day(now, -28),
    });
    const upcoming = await createBooking(t.database.db, {
      propertyId: hotel.id,
      contactId: contact.id,
      checkIn: day(now, 10),
      checkOut: day(now, 12),
    });
    const { thread } = await linkThread(t.ctx(), { ...inbound, phone });
    expect(thread).toMatchObject({ propertyId: hotel.id, bookingId: upcoming.id });
  });

  it("goes back to the booking's thread even when it is older than the reuse window", async () => {
    const hotel = await createProperty(t.database.db);
    const phone = uniquePhone();
    const first = await linkThread(t.ctx(), { ...inbound, phone });
    const booking = await createBooking(t.database.db, {
      propertyId: hotel.id,
      contactId: first.contact.id,
      checkIn: day(now, -20),
      checkOut: day(now, 5),
    });
    const withBooking = await linkThread(t.ctx(), { ...inbound, phone, bookingId: booking.id });
    await resolve(first.thread.id, daysAgo(30));
    await resolve(withBooking.thread.id, daysAgo(20));
    const again = await linkThread(t.ctx(), { ...inbound, phone });
    expect([again.thread.id, again.created]).toEqual([withBooking.thread.id, false]);
  });

  it("keeps an outbound booking message and the guest's reply in one thread (T20)", async () => {
    const hotel = await createProperty(t.database.db);
    const booking = await createBooking(t.database.db, {
      propertyId: hotel.id,
      phone: "98765 43210",
      checkIn: day(now, 2),
      checkOut: day(now, 4),
    });
    const out = await linkThread(t.ctx(), {
      channel: "WHATSAPP",
      direction: "OUTBOUND",
      at: now,
      phone: "98765 43210",
      bookingId: booking.id,
    });
    const reply = await linkThread(t.ctx(), { ...inbound, phone: "919876543210" });
    expect(reply.thread.id).toBe(out.thread.id);
    expect(reply.thread).toMatchObject({ propertyId: hotel.id, bookingId: booking.id });
    const [linked] = await t.database.db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(linked?.contactId).toBe(reply.contact.id);
  });

  it("links a routed-nowhere thread to a booking learnt later", async () => {
    await t.database.db.update(properties).set({ isDefault: false });
    try {
      const hotel = await createProperty(t.database.db);
      const phone = uniquePhone();
      const first = await linkThread(t.ctx(), { ...inbound, phone });
      expect(first.thread.propertyId).toBeNull();
      await createBooking(t.database.db, {
        propertyId: hotel.id,
        contactId: first.contact.id,
        checkIn: day(now, 0),
        checkOut: day(now, 2),
      });
      const again = await linkThread(t.ctx(), { ...inbound, phone });
      expect(again.thread).toMatchObject({ id: first.thread.id, propertyId: hotel.id });
    } finally {
      await t.database.db
        .update(properties)
        .set({ isDefault: true })
        .where(eq(properties.id, defaultProperty));
    }
  });

  it("routes a new thread by the number the guest wrote to", async () => {
    const hotel = await createProperty(t.database.db, { whatsappNumber: "917000000099" });
    const { thread } = await linkThread(t.ctx(), {
      ...inbound,
      phone: uniquePhone(),
      receivingNumber: "+91 70000 00099",
    });
    expect(thread.propertyId).toBe(hotel.id);
  });

  it("links an email by the contact's address, to the same thread as their messages", async () => {
    const phone = uniquePhone();
    const hotel = await createProperty(t.database.db);
    const booking = await createBooking(t.database.db, {
      propertyId: hotel.id,
      checkIn: day(now, 1),
      checkOut: day(now, 2),
    });
    const first = await linkThread(t.ctx(), { ...inbound, phone, bookingId: booking.id });
    await t.database.db
      .update(contacts)
      .set({ email: "Guest.One@Example.com" })
      .where(eq(contacts.id, first.contact.id));
    const email = await linkThread(t.ctx(), {
      channel: "EMAIL",
      direction: "INBOUND",
      at: now,
      email: " guest.one@example.COM ",
    });
    expect([email.contact.id, email.thread.id]).toEqual([first.contact.id, first.thread.id]);
  });

  it("creates one email-only contact per address", async () => {
    const a = await linkThread(t.ctx(), {
      channel: "EMAIL",
      direction: "INBOUND",
      at: now,
      email: "new@guest.example",
    });
    const b = await linkThread(t.ctx(), {
      channel: "EMAIL",
      direction: "INBOUND",
      at: now,
      email: "NEW@guest.example",
    });
    expect(a.contact).toMatchObject({ phone: null, email: "new@guest.example" });
    expect([b.contact.id, b.thread.id]).toEqual([a.contact.id, a.thread.id]);
  });

  it("puts a call and a later WhatsApp message from the same phone in one thread", async () => {
    const call = await linkThread(t.ctx(), {
      channel: "CALL",
      direction: "INBOUND",
      at: now,
      phone: "+91 98111 00077",
    });
    const message = await linkThread(t.ctx(), { ...inbound, phone: "919811100077" });
    expect(message.thread.id).toBe(call.thread.id);
  });

  it("refuses an unusable phone with INVALID_PHONE and creates nothing", async () => {
    const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(contacts);
    await expect(linkThread(t.ctx(), { ...inbound, phone: "12" })).rejects.toMatchObject({
      code: "INVALID_PHONE",
    });
    await expect(linkThread(t.ctx(), { ...inbound, phone: "" })).rejects.toMatchObject({
      code: "INVALID_PHONE",
    });
    const after = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(contacts);
    expect(after).toEqual(before);
  });

  it("works inside the caller's transaction and rolls back with it", async () => {
    const phone = uniquePhone();
    await expect(
      withTransaction(t.ctx(), async (tx) => {
        await linkThread(tx, { ...inbound, phone });
        throw new Error("caller failed");
      }),
    ).rejects.toThrow("caller failed");
    expect(await t.database.db.select().from(contacts).where(eq(contacts.phone, phone))).toEqual([]);
  });

  it("gives 10 concurrent first messages from a new number one contact and one thread", async () => {
    const phone = uniquePhone();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        withTransaction(t.ctx(), (tx) => linkThread(tx, { ...inbound, phone: i % 2 ? phone : `+${phone}` })),
      ),
    );
    const found = await t.database.db.select().from(contacts).where(eq(contacts.phone, phone));
    expect(found).toHaveLength(1);
    const contactId = found[0]?.id ?? -1;
    expect(await t.database.db.select().from(threads).where(eq(threads.contactId, contactId))).toHaveLength(
      1,
    );
    expect(new Set(results.map((r) => r.thread.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it("refuses a booking id the actor may not see", async () => {
    const hidden = await createProperty(t.database.db);
    const booking = await createBooking(t.database.db, {
      propertyId: hidden.id,
      checkIn: day(now, 1),
      checkOut: day(now, 2),
    });
    const agent = t.ctx({ type: "apiKey", apiKeyId: 1, role: "AGENT", propertyIds: [defaultProperty] });
    await expect(
      linkThread(agent, { ...inbound, phone: uniquePhone(), bookingId: booking.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await t.database.db.select().from(bookings).where(eq(bookings.id, booking.id))).toHaveLength(1);
  });
});
