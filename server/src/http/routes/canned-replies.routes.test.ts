import {
  CannedReplyListResponse,
  CannedReplyResponse,
  RenderCannedReplyResponse,
} from "@contract/canned-replies";
import { ErrorResponse } from "@contract/errors";
import { cannedReplies, contacts, properties, staffUsers, threads } from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { createBooking } from "@test/factories";
import { createTestProperties, createTestStaff, type SignedIn, signIn } from "@test/staff-session";
import { buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let ids: Record<string, number>;
let admin: SignedIn["headers"];
let goaManager: SignedIn["headers"];
let goaAgent: SignedIn["headers"];
let blrManager: SignedIn["headers"];
const thread = { goa: 0, blr: 0, bare: 0 };
let goaContact = 0;

beforeAll(async () => {
  t = await buildTestApp();
  ids = await createTestProperties(t, "GOA", "BLR");
  await t.database.db
    .update(properties)
    .set({ name: "Pod Goa", whatsappNumber: "917000000101" })
    .where(eq(properties.id, ids.GOA ?? 0));
  await t.database.db
    .update(properties)
    .set({ name: "Pod Bangalore", whatsappNumber: "917000000102" })
    .where(eq(properties.id, ids.BLR ?? 0));
  const as = async (role: "ADMIN" | "MANAGER" | "AGENT", codes: string[], name: string) => {
    const staff = await createTestStaff(t, { role, propertyCodes: codes });
    await t.database.db.update(staffUsers).set({ name }).where(eq(staffUsers.id, staff.id));
    return (await signIn(t, staff)).headers;
  };
  admin = await as("ADMIN", [], "Anita Admin");
  goaManager = await as("MANAGER", ["GOA"], "Meera Manager");
  goaAgent = await as("AGENT", ["GOA"], "Ravi Kumar");
  blrManager = await as("MANAGER", ["BLR"], "Bela Manager");
  const guest = (phone: string, receivingNumber: string, name?: string) =>
    addDemoMessage(t.ctx(), {
      phone,
      name,
      channel: "WHATSAPP",
      direction: "INBOUND",
      text: "hello",
      at: new Date(),
      receivingNumber,
    });
  const goa = await guest("919800000201", "917000000101", "Asha Rao");
  thread.goa = goa.thread.id;
  goaContact = goa.contact.id;
  const booking = await createBooking(t.database.db, {
    reference: "GOA-4711",
    propertyId: ids.GOA ?? 0,
    contactId: goa.contact.id,
    checkIn: "2026-12-24",
    checkOut: "2026-12-27",
  });
  await t.database.db.update(threads).set({ bookingId: booking.id }).where(eq(threads.id, thread.goa));
  thread.blr = (await guest("919800000202", "917000000102", "Vikram Shah")).thread.id;
  // A guest without a name or booking: those variables stay empty.
  thread.bare = (await guest("919800000203", "917000000101")).thread.id;
  await t.database.db.update(contacts).set({ name: null }).where(eq(contacts.phone, "919800000203"));
});
afterAll(() => t.close());

type Headers = SignedIn["headers"];
const create = (headers: Headers, payload: object) =>
  t.app.inject({ method: "POST", url: "/api/canned-replies", headers, payload });
const list = async (headers: Headers, query = "") => {
  const res = await t.app.inject({ method: "GET", url: `/api/canned-replies${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return CannedReplyListResponse.parse(res.json()).cannedReplies;
};
const render = (headers: Headers, id: number, payload: object) =>
  t.app.inject({ method: "POST", url: `/api/canned-replies/${id}/render`, headers, payload });
const created = async (headers: Headers, payload: object) => {
  const res = await create(headers, payload);
  expect(res.statusCode, res.body).toBe(201);
  return CannedReplyResponse.parse(res.json()).cannedReply;
};

describe("canned replies", () => {
  it("fills every variable from the thread, the booking, the property and the caller, and counts the use", async () => {
    const reply = await created(goaManager, {
      propertyId: ids.GOA,
      title: "Welcome",
      shortcut: "Welcome",
      texts: {
        en: "Hi {{guest.first_name}} ({{ guest.name }}), booking {{booking.reference}}: {{booking.check_in}} to {{booking.check_out}} at {{property.name}}. {{staff.first_name}}",
      },
    });
    expect(reply).toMatchObject({ shortcut: "welcome", usageCount: 0, lastUsedAt: null });
    const res = await render(goaAgent, reply.id, { threadId: thread.goa });
    expect(res.statusCode, res.body).toBe(200);
    expect(RenderCannedReplyResponse.parse(res.json())).toEqual({
      text: "Hi Asha (Asha Rao), booking GOA-4711: Thu, 24 Dec 2026 to Sun, 27 Dec 2026 at Pod Goa. Ravi",
      language: "en",
      emptyVariables: [],
    });
    await render(goaManager, reply.id, { threadId: thread.goa });
    const [row] = await t.database.db.select().from(cannedReplies).where(eq(cannedReplies.id, reply.id));
    expect(row?.usageCount).toBe(2);
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
    const [listed] = (await list(goaAgent, "?q=welcome")).filter((r) => r.id === reply.id);
    expect(listed?.usageCount).toBe(2);
  });

  it("lists the variables that had no value on this thread", async () => {
    const reply = await created(goaManager, {
      propertyId: ids.GOA,
      title: "Booking check",
      shortcut: "booking",
      texts: {
        en: "Dear {{guest.first_name}}, your booking {{booking.reference}} from {{booking.check_in}}.",
      },
    });
    const res = RenderCannedReplyResponse.parse(
      (await render(goaAgent, reply.id, { threadId: thread.bare })).json(),
    );
    expect(res).toEqual({
      text: "Dear , your booking  from .",
      language: "en",
      emptyVariables: ["guest.first_name", "booking.reference", "booking.check_in"],
    });
  });

  it("picks the language asked for, else the guest's, else the first", async () => {
    const reply = await created(goaManager, {
      propertyId: ids.GOA,
      title: "Wi-Fi",
      shortcut: "wifi",
      texts: { en: "Wi-Fi: PodGuest, {{guest.first_name}}", hi: "वाई-फ़ाई: PodGuest, {{guest.first_name}}" },
    });
    const as = async (threadId: number, language?: string) =>
      RenderCannedReplyResponse.parse((await render(goaAgent, reply.id, { threadId, language })).json());
    // The search reaches every language's text, not just shortcut and title.
    expect((await list(goaAgent, "?q=%E0%A4%B5%E0%A4%BE%E0%A4%88")).map((r) => r.id)).toEqual([reply.id]);
    expect(await as(thread.goa, "hi")).toMatchObject({ language: "hi", text: "वाई-फ़ाई: PodGuest, Asha" });
    expect(await as(thread.goa)).toMatchObject({ language: "en", text: "Wi-Fi: PodGuest, Asha" });
    await t.database.db
      .update(contacts)
      .set({ metadata: { language: "hi" } })
      .where(eq(contacts.id, goaContact));
    expect(await as(thread.goa)).toMatchObject({ language: "hi" });
    expect(await as(thread.goa, "fr")).toMatchObject({ language: "hi" });
    expect(await as(thread.goa, "en-IN")).toMatchObject({ language: "en" });
    await t.database.db
      .update(contacts)
      .set({ metadata: { language: "fr" } })
      .where(eq(contacts.id, goaContact));
    expect(await as(thread.goa)).toMatchObject({ language: "en" });
    await t.database.db.update(contacts).set({ metadata: null }).where(eq(contacts.id, goaContact));
  });

  it("refuses unknown variables on save with their names (422), in any language and on update", async () => {
    const res = await create(goaManager, {
      propertyId: ids.GOA,
      title: "Bad",
      shortcut: "bad",
      texts: { en: "Hi {{guest.first_name}} {{guest.phone}}", hi: "{{room.number}} {{guest.phone}}" },
    });
    expect(res.statusCode).toBe(422);
    const body = ErrorResponse.parse(res.json());
    expect(body.error.code).toBe("UNKNOWN_VARIABLE");
    expect(body.error.details?.unknownVariables).toEqual(["guest.phone", "room.number"]);
    expect(await list(goaManager, "?q=bad")).toEqual([]);
    const ok = await created(goaManager, {
      propertyId: ids.GOA,
      title: "Ok",
      shortcut: "ok",
      texts: { en: "ok" },
    });
    const patch = await t.app.inject({
      method: "PATCH",
      url: `/api/canned-replies/${ok.id}`,
      headers: goaManager,
      payload: { texts: { en: "{{staff.last_name}}" } },
    });
    expect([patch.statusCode, ErrorResponse.parse(patch.json()).error.code]).toEqual([
      422,
      "UNKNOWN_VARIABLE",
    ]);
  });

  it("validates shortcut, texts and uniqueness per scope", async () => {
    const base = { propertyId: ids.GOA, title: "Parking", texts: { en: "Free parking." } };
    expect((await create(goaManager, { ...base, shortcut: "park ing" })).statusCode).toBe(400);
    expect((await create(goaManager, { ...base, shortcut: "parking", texts: {} })).statusCode).toBe(400);
    expect((await create(goaManager, { ...base, shortcut: "parking", texts: { en: "  " } })).statusCode).toBe(
      400,
    );
    await created(goaManager, { ...base, shortcut: "parking" });
    const again = await create(goaManager, { ...base, shortcut: "PARKING" });
    expect([again.statusCode, ErrorResponse.parse(again.json()).error.code]).toEqual([409, "CONFLICT"]);
    // The same shortcut in another scope is fine.
    await created(blrManager, { ...base, propertyId: ids.BLR, shortcut: "parking" });
    await created(admin, { ...base, propertyId: null, shortcut: "parking" });
  });

  it("scopes by property: a Goa agent can neither see nor use a Bangalore reply; roles decide who edits", async () => {
    const blr = await created(blrManager, {
      propertyId: ids.BLR,
      title: "Bangalore breakfast",
      shortcut: "breakfast",
      texts: { en: "Breakfast 7–10 at {{property.name}}" },
    });
    const chain = await created(admin, {
      propertyId: null,
      title: "Checkout time",
      shortcut: "checkout",
      texts: { en: "Checkout is at 11:00, {{guest.first_name}}." },
    });
    const goaList = await list(goaAgent);
    expect(goaList.map((r) => r.id)).toContain(chain.id);
    expect(goaList.map((r) => r.id)).not.toContain(blr.id);
    expect(goaList.every((r) => r.propertyId === null || r.propertyId === ids.GOA)).toBe(true);
    expect(await list(goaAgent, "?q=breakfast")).toEqual([]);
    expect((await list(goaAgent, `?threadId=${thread.goa}`)).map((r) => r.id)).not.toContain(blr.id);
    expect((await render(goaAgent, blr.id, { threadId: thread.goa })).statusCode).toBe(404);
    expect((await render(goaAgent, chain.id, { threadId: thread.blr })).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: "GET",
          url: `/api/canned-replies?threadId=${thread.blr}`,
          headers: goaAgent,
        })
      ).statusCode,
    ).toBe(404);
    const chainUse = RenderCannedReplyResponse.parse(
      (await render(goaAgent, chain.id, { threadId: thread.goa })).json(),
    );
    expect(chainUse.text).toBe("Checkout is at 11:00, Asha.");
    // A thread's list holds its property's and the chain-wide replies only, even for an admin.
    const forBlr = await list(admin, `?threadId=${thread.blr}`);
    expect(forBlr.every((r) => r.propertyId === null || r.propertyId === ids.BLR)).toBe(true);
    expect(forBlr.map((r) => r.id)).toContain(blr.id);
    // An admin cannot use a Bangalore reply on a Goa thread either.
    expect((await render(admin, blr.id, { threadId: thread.goa })).statusCode).toBe(404);

    const edit = (headers: Headers, id: number) =>
      t.app.inject({ method: "PATCH", url: `/api/canned-replies/${id}`, headers, payload: { title: "x" } });
    const remove = (headers: Headers, id: number) =>
      t.app.inject({ method: "DELETE", url: `/api/canned-replies/${id}`, headers });
    expect((await edit(goaManager, blr.id)).statusCode).toBe(404);
    expect((await remove(goaManager, blr.id)).statusCode).toBe(404);
    expect((await edit(goaManager, chain.id)).statusCode).toBe(403);
    expect((await remove(goaManager, chain.id)).statusCode).toBe(403);
    const goaReply = (await list(goaAgent, "?q=wifi"))[0];
    expect(goaReply).toBeDefined();
    expect((await edit(goaAgent, goaReply?.id ?? 0)).statusCode).toBe(403);
    const agentCreate = await create(goaAgent, {
      propertyId: ids.GOA,
      title: "a",
      shortcut: "a",
      texts: { en: "a" },
    });
    expect(agentCreate.statusCode).toBe(403);
    expect(
      (await create(goaManager, { propertyId: ids.BLR, title: "a", shortcut: "a", texts: { en: "a" } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await create(goaManager, { propertyId: null, title: "a", shortcut: "a", texts: { en: "a" } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await create(admin, { propertyId: 999_999, title: "a", shortcut: "a", texts: { en: "a" } }))
        .statusCode,
    ).toBe(404);
    // The rightful owners can.
    expect((await edit(blrManager, blr.id)).statusCode).toBe(200);
    expect((await edit(admin, chain.id)).statusCode).toBe(200);
    expect((await remove(blrManager, blr.id)).statusCode).toBe(204);
    expect((await render(blrManager, blr.id, { threadId: thread.blr })).statusCode).toBe(404);
  });

  it("two concurrent saves of one shortcut: one is created, the other is a conflict", async () => {
    const payload = {
      propertyId: ids.GOA,
      title: "Late checkout",
      shortcut: "late",
      texts: { en: "Until 13:00." },
    };
    const answers = await Promise.all([create(goaManager, payload), create(goaManager, payload)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await list(goaManager, "?q=late")).toHaveLength(1);
  });

  it("needs a session", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/canned-replies" });
    expect(res.statusCode).toBe(401);
  });
});
