import { UpsertBookingResponse } from "@contract/bookings";
import { ErrorResponse } from "@contract/errors";
import { contacts } from "@server/db/schema/index";
import { linkThread } from "@server/domain/threads/link-thread";
import { createProperty, createStaff } from "@test/factories";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: { authorization: string };
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const booking = {
  guestName: "Asha Rao",
  phone: "+91 98765 43210",
  email: "asha@example.com",
  propertyCode: "GOA",
  checkIn: day(1),
  checkOut: day(3),
};

beforeAll(async () => {
  t = await buildTestApp();
  const goa = await createProperty(t.database.db, { code: "GOA" });
  await createProperty(t.database.db, { code: "PUNE" });
  await createStaff(t.database.db, [goa.id], { name: "Ravi" });
  admin = await apiKeyHeaders(t, "ADMIN");
});
afterAll(() => t.close());

const put = (reference: string, payload: object, headers = admin) =>
  t.app.inject({ method: "PUT", url: `/api/bookings/${reference}`, headers, payload });

describe("PUT /api/bookings/:reference", () => {
  it("creates (201) then updates (200) one booking linked to the guest's contact", async () => {
    const created = await put("BK-1", booking);
    expect(created.statusCode, created.body).toBe(201);
    const first = UpsertBookingResponse.parse(created.json());
    expect(first.booking).toMatchObject({ reference: "BK-1", phone: "919876543210", status: "CONFIRMED" });
    const updated = UpsertBookingResponse.parse(
      (await put("BK-1", { ...booking, status: "cancelled", phone: "09876543210" })).json(),
    );
    expect(updated).toMatchObject({
      created: false,
      booking: { id: first.booking.id, status: "CANCELLED", contactId: first.booking.contactId },
    });
    const [contact] = await t.database.db.select().from(contacts).where(eq(contacts.phone, "919876543210"));
    expect(contact).toMatchObject({
      id: first.booking.contactId,
      name: "Asha Rao",
      email: "asha@example.com",
    });
  });

  it("routes and assigns the guest's next message by the booking", async () => {
    const { booking: b } = UpsertBookingResponse.parse(
      (await put("BK-2", { ...booking, phone: "9811100002" })).json(),
    );
    const { thread } = await linkThread(t.ctx(), {
      channel: "WHATSAPP",
      direction: "INBOUND",
      at: new Date(),
      phone: "919811100002",
    });
    expect(thread).toMatchObject({ bookingId: b.id, propertyId: b.propertyId });
    expect(thread.assigneeId).not.toBeNull();
  });

  it("refuses a bad phone, an unknown property and another property's booking", async () => {
    const bad = await put("BK-3", { ...booking, phone: "12" });
    expect(ErrorResponse.parse(bad.json()).error.code).toBe("INVALID_PHONE");
    expect((await put("BK-3", { ...booking, propertyCode: "NOPE" })).statusCode).toBe(404);
    const pune = await apiKeyHeaders(t, "MANAGER", ["PUNE"]);
    expect((await put("BK-4", booking, pune)).statusCode).toBe(404);
    expect((await put("BK-1", { ...booking, propertyCode: "PUNE" }, pune)).statusCode).toBe(404);
    expect((await put("BK-5", { ...booking, checkOut: day(0) })).statusCode).toBe(400);
  });
});
