import { ThreadListResponse } from "@contract/threads";
import { contacts } from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { setThreadStatus } from "@server/domain/threads/set-thread-status";
import { createBooking, createProperty, day } from "@test/factories";
import { createTestStaff, signIn } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: { authorization: string };
let booked: number;
let open: number;
let pune: number;
const t0 = new Date(Date.now() - 60 * 60_000);
const at = (m: number) => new Date(t0.getTime() + m * 60_000);

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const goa = await createProperty(db, { code: "GOA", isDefault: true, whatsappNumber: "917000000001" });
  await createProperty(db, { code: "PUNE", whatsappNumber: "917000000002" });
  admin = await apiKeyHeaders(t, "ADMIN");
  const ctx = t.ctx();
  const booking = await createBooking(db, {
    reference: "GOA-1234",
    propertyId: goa.id,
    checkIn: day(t0, -3),
    checkOut: day(t0, -1),
  });
  const write = (phone: string, m: number, text: string, more: object = {}) =>
    addDemoMessage(ctx, { phone, channel: "WHATSAPP", direction: "INBOUND", text, at: at(m), ...more });
  booked = (
    await write("919845000098", 1, "Thanks for the lovely stay", { name: "Asha Rao", bookingId: booking.id })
  ).thread.id;
  await setThreadStatus(ctx, { threadId: booked, status: "RESOLVED" });
  open = (await write("919811112222", 2, "Can I get an early breakfast tomorrow?", { name: "Bala" })).thread
    .id;
  const bala = await db.select().from(contacts).where(eq(contacts.phone, "919811112222"));
  await db
    .update(contacts)
    .set({ email: "bala@example.test" })
    .where(eq(contacts.id, bala[0]?.id ?? 0));
  pune = (
    await write("919833334444", 3, "GOA-1234 was my friend's booking", { receivingNumber: "917000000002" })
  ).thread.id;
});
afterAll(() => t.close());

async function search(query: string, headers: object = admin) {
  const res = await t.app.inject({
    method: "GET",
    url: `/api/threads?${query}`,
    headers: headers as Record<string, string>,
  });
  expect(res.statusCode, res.body).toBe(200);
  return ThreadListResponse.parse(res.json()).threads;
}

describe("inbox search", () => {
  it("finds a resolved thread by its booking reference (any part, any case) and says why", async () => {
    const rows = await search("search=goa-1234");
    expect(rows.map((r) => r.id)).toEqual([pune, booked]);
    expect(rows.find((r) => r.id === booked)?.match).toEqual({ field: "booking", value: "GOA-1234" });
    expect(rows.find((r) => r.id === pune)?.match).toEqual({
      field: "message",
      value: "GOA-1234 was my friend's booking",
    });
    expect((await search("search=A-12")).map((r) => r.id)).toContain(booked);
  });

  it("a chosen status narrows the search", async () => {
    expect((await search("search=GOA-1234&status=OPEN")).map((r) => r.id)).toEqual([pune]);
    expect((await search("search=GOA-1234&status=RESOLVED")).map((r) => r.id)).toEqual([booked]);
  });

  it.each([
    "+91 98450 00098",
    "919845000098",
    "98450 00098",
    "98450-00098",
    "098450 00098",
    "(984) 500-0098",
  ])("finds the guest by phone typed as %s", async (typed) => {
    const rows = await search(`search=${encodeURIComponent(typed)}`);
    expect(rows.map((r) => r.id)).toEqual([booked]);
    expect(rows[0]?.match).toEqual({ field: "phone", value: "919845000098" });
  });

  it("finds by name, email and message text, each with its reason; no reason without a search", async () => {
    expect((await search("search=asha"))[0]?.match).toEqual({ field: "name", value: "Asha Rao" });
    expect((await search("search=bala%40example"))[0]?.match).toEqual({
      field: "email",
      value: "bala@example.test",
    });
    const byText = await search("search=early%20breakfast");
    expect(byText.map((r) => r.id)).toEqual([open]);
    expect(byText[0]?.match).toEqual({ field: "message", value: "Can I get an early breakfast tomorrow?" });
    expect((await search("")).every((r) => r.match === undefined)).toBe(true);
    expect(await search("search=nothing-like-this")).toEqual([]);
  });

  it("searches only the properties the caller may see", async () => {
    const agent = await createTestStaff(t, { propertyCodes: ["GOA"] });
    const headers = (await signIn(t, agent)).headers;
    expect((await search("search=GOA-1234", headers)).map((r) => r.id)).toEqual([booked]);
  });
});
