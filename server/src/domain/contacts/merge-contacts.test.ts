import type { Actor } from "@server/context";
import { auditLogs, bookings, contacts, messageLogs, threads } from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { linkThread } from "@server/domain/threads/link-thread";
import { createBooking, createProperty, createStaff, day, uniquePhone } from "@test/factories";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergeContacts } from "./merge-contacts";

let t: TestHarness;
let goa: number;
let pune: number;
let goaManager: Actor;
const now = new Date();
const GOA_NUMBER = "917100000001";
const PUNE_NUMBER = "917100000002";

beforeAll(async () => {
  t = await createTestHarness();
  goa = (await createProperty(t.database.db, { isDefault: true, whatsappNumber: GOA_NUMBER })).id;
  pune = (await createProperty(t.database.db, { whatsappNumber: PUNE_NUMBER })).id;
  const manager = await createStaff(t.database.db, [goa], { role: "MANAGER" });
  goaManager = { type: "staff", staffUserId: manager.id, role: "MANAGER", propertyIds: [goa] };
});
afterAll(() => t.close());

const say = (phone: string, text: string, receivingNumber = GOA_NUMBER, name?: string) =>
  addDemoMessage(t.ctx(), {
    phone,
    channel: "WHATSAPP",
    direction: "INBOUND",
    text,
    at: now,
    receivingNumber,
    name,
  });
const contactOf = async (id: number) =>
  (await t.database.db.select().from(contacts).where(eq(contacts.id, id)))[0];
const count = async (table: typeof messageLogs | typeof bookings | typeof threads, contactId: number) =>
  (await t.database.db.select().from(table).where(eq(table.contactId, contactId))).length;

describe(mergeContacts.name, () => {
  it("moves threads, messages and bookings to the kept contact, keeps phone, consent and notes, audits", async () => {
    const keptPhone = uniquePhone();
    const dupPhone = uniquePhone();
    const kept = (await say(keptPhone, "hello", GOA_NUMBER, "Asha Rao")).contact;
    await say(keptPhone, "second", GOA_NUMBER);
    const dup = (await say(dupPhone, "from my other phone", GOA_NUMBER, "Asha R.")).contact;
    const optedOutAt = new Date("2026-01-02T03:04:05.000Z");
    await t.database.db
      .update(contacts)
      .set({
        smsOptedOut: true,
        smsOptedOutAt: optedOutAt,
        metadata: { language: "hi", notes: "Quiet room" },
      })
      .where(eq(contacts.id, dup.id));
    await t.database.db
      .update(contacts)
      .set({ metadata: { notes: "VIP" } })
      .where(eq(contacts.id, kept.id));
    await createBooking(t.database.db, {
      propertyId: goa,
      contactId: dup.id,
      checkIn: day(now, 1),
      checkOut: day(now, 3),
    });

    const merged = await mergeContacts(t.ctx(goaManager), { contactId: dup.id, intoContactId: kept.id });

    expect(merged).toMatchObject({ id: kept.id, name: "Asha Rao", phone: keptPhone, smsOptedOut: true });
    expect(merged.smsOptedOutAt?.toISOString()).toBe(optedOutAt.toISOString());
    expect(merged.metadata).toEqual({ language: "hi", notes: "VIP\n\nQuiet room" });
    expect(await count(messageLogs, kept.id)).toBe(3);
    expect(await count(bookings, kept.id)).toBe(1);
    // Both open threads in Goa became one (one open thread per guest and property).
    expect(await count(threads, kept.id)).toBe(1);
    for (const table of [messageLogs, bookings, threads]) expect(await count(table, dup.id)).toBe(0);
    expect((await contactOf(dup.id))?.mergedIntoId).toBe(kept.id);
    // The duplicate's number still reaches the guest: a new message from it lands on the kept contact.
    const again = await linkThread(t.ctx(), {
      phone: dupPhone,
      channel: "SMS",
      direction: "INBOUND",
      at: now,
    });
    expect(again.contact.id).toBe(kept.id);
    const [audit] = await t.database.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, "contact.merged"), eq(auditLogs.targetId, String(kept.id))));
    expect(audit).toMatchObject({
      actorType: "STAFF",
      actorId: goaManager.type === "staff" ? goaManager.staffUserId : 0,
    });
    expect(audit?.details).toMatchObject({ from: dup.id, into: kept.id });
  });

  it("refuses a manager a contact of another property (404) or one with conversations elsewhere (403)", async () => {
    const kept = (await say(uniquePhone(), "hi goa", GOA_NUMBER, "Goa Guest")).contact;
    const puneOnly = (await say(uniquePhone(), "hi pune", PUNE_NUMBER, "Pune Guest")).contact;
    const bothPhone = uniquePhone();
    const both = (await say(bothPhone, "hi goa", GOA_NUMBER, "Both")).contact;
    await createBooking(t.database.db, {
      propertyId: pune,
      contactId: both.id,
      checkIn: day(now, 5),
      checkOut: day(now, 6),
    });

    const attempt = (contactId: number, intoContactId: number, actor: Actor = goaManager) =>
      mergeContacts(t.ctx(actor), { contactId, intoContactId }).catch((e: { code?: string }) => e.code);
    expect(await attempt(puneOnly.id, kept.id)).toBe("NOT_FOUND");
    expect(await attempt(kept.id, puneOnly.id)).toBe("NOT_FOUND");
    expect(await attempt(both.id, kept.id)).toBe("FORBIDDEN");
    const agent = await createStaff(t.database.db, [goa], { role: "AGENT" });
    expect(
      await attempt(both.id, kept.id, {
        type: "staff",
        staffUserId: agent.id,
        role: "AGENT",
        propertyIds: [goa],
      }),
    ).toBe("FORBIDDEN");

    // Nothing moved.
    expect(await count(threads, both.id)).toBe(1);
    expect(await count(bookings, both.id)).toBe(1);
    expect(await count(messageLogs, puneOnly.id)).toBe(1);
    expect((await contactOf(puneOnly.id))?.mergedIntoId).toBeNull();
    expect((await contactOf(both.id))?.mergedIntoId).toBeNull();

    // An admin sees every property and may merge across them.
    const admin: Actor = { type: "staff", staffUserId: agent.id, role: "ADMIN", propertyIds: "all" };
    await mergeContacts(t.ctx(admin), { contactId: both.id, intoContactId: kept.id });
    expect(await count(bookings, kept.id)).toBe(1);
    expect(await count(messageLogs, kept.id)).toBe(2);
    expect((await contactOf(both.id))?.mergedIntoId).toBe(kept.id);
  });
});
