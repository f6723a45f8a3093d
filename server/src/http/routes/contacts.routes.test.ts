import { ContactDetailResponse, ContactListResponse, ContactResponse } from "@contract/contacts";
import { auditLogs, contacts, messageLogs, threads } from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { linkThread } from "@server/domain/threads/link-thread";
import { createProperty } from "@test/factories";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: { authorization: string };
let goaKey: { authorization: string };
const now = new Date();

beforeAll(async () => {
  t = await buildTestApp();
  await createProperty(t.database.db, { code: "GOA", isDefault: true });
  await createProperty(t.database.db, { code: "PUNE", whatsappNumber: "917000000002" });
  admin = await apiKeyHeaders(t, "ADMIN");
  goaKey = await apiKeyHeaders(t, "MANAGER", ["GOA"]);
  const say = (phone: string, text: string, more: object = {}) =>
    addDemoMessage(t.ctx(), { phone, channel: "WHATSAPP", direction: "INBOUND", text, at: now, ...more });
  await say("919811111111", "hi", { name: "Priya Shah" });
  await say("919822222222", "hello", { name: "Karan" });
  await say("919833333333", "parking?", { name: "Pune Guest", receivingNumber: "917000000002" });
});
afterAll(() => t.close());

const get = (url: string, headers = admin) => t.app.inject({ method: "GET", url, headers });
const names = async (query: string, headers = admin) =>
  ContactListResponse.parse((await get(`/api/contacts${query}`, headers)).json()).contacts.map((c) => c.name);

describe("/api/contacts", () => {
  it("searches by name, phone digits and email, within the caller's properties", async () => {
    expect(await names("?search=priya")).toEqual(["Priya Shah"]);
    expect(await names("?search=98222%2022222")).toEqual(["Karan"]);
    expect(await names("")).toEqual(["Pune Guest", "Karan", "Priya Shah"]);
    expect(await names("", goaKey)).toEqual(["Karan", "Priya Shah"]);
    expect(await names("?search=pune", goaKey)).toEqual([]);
  });

  it("pages with nextCursor", async () => {
    const first = ContactListResponse.parse((await get("/api/contacts?limit=2")).json());
    expect(first.contacts).toHaveLength(2);
    const second = ContactListResponse.parse(
      (await get(`/api/contacts?limit=2&cursor=${first.nextCursor}`)).json(),
    );
    expect(second.contacts.map((c) => c.name)).toEqual(["Priya Shah"]);
    expect(second.nextCursor).toBeNull();
  });

  it("shows a contact with threads, bookings and consent, and edits consent (audited)", async () => {
    const [priya] = await t.database.db.select().from(contacts).where(eq(contacts.phone, "919811111111"));
    const id = priya?.id ?? 0;
    const detail = ContactDetailResponse.parse((await get(`/api/contacts/${id}`)).json());
    expect(detail.threads).toHaveLength(1);
    expect(detail.contact.whatsappOptedOut).toBe(false);
    const res = await t.app.inject({
      method: "PATCH",
      url: `/api/contacts/${id}`,
      headers: admin,
      payload: { whatsappOptedOut: true, email: "Priya@Example.com" },
    });
    const { contact } = ContactResponse.parse(res.json());
    expect(contact).toMatchObject({ whatsappOptedOut: true, email: "priya@example.com" });
    expect(contact.whatsappOptedOutAt).not.toBeNull();
    const audit = await t.database.db.select().from(auditLogs).where(eq(auditLogs.action, "contact.updated"));
    expect(audit).toHaveLength(1);
  });

  it("edits language and notes (an agent of the guest's property too), validates the language", async () => {
    const [priya] = await t.database.db.select().from(contacts).where(eq(contacts.phone, "919811111111"));
    const url = `/api/contacts/${priya?.id}`;
    const agent = await apiKeyHeaders(t, "AGENT", ["GOA"]);
    const patch = (payload: object, headers = agent) =>
      t.app.inject({ method: "PATCH", url, headers, payload });
    const res = await patch({ name: "Priya R. Shah", language: "PT-BR", notes: "  Allergic to nuts  " });
    expect(res.statusCode, res.body).toBe(200);
    expect(ContactResponse.parse(res.json()).contact).toMatchObject({
      name: "Priya R. Shah",
      language: "pt-br",
      notes: "Allergic to nuts",
    });
    expect((await patch({ language: "portuguese!" })).json()).toMatchObject({
      error: { code: "VALIDATION_FAILED" },
    });
    const cleared = ContactResponse.parse((await patch({ notes: null })).json()).contact;
    expect(cleared).toMatchObject({ language: "pt-br", notes: null });
    const pune = await apiKeyHeaders(t, "AGENT", ["PUNE"]);
    expect((await patch({ name: "Hijack" }, pune)).statusCode).toBe(404);
    const audit = await t.database.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.targetId, String(priya?.id)));
    expect(audit.map((a) => a.details)).toContainEqual({ fields: ["name", "language", "notes"] });
    expect(JSON.stringify(audit)).not.toContain("Allergic");
  });

  it("merges a duplicate: items move, two open threads in one property become one", async () => {
    const dup = await linkThread(t.ctx(), {
      channel: "EMAIL",
      direction: "INBOUND",
      at: now,
      email: "karan@mail.example",
      name: "K.",
    });
    await t.database.db.update(threads).set({ unreadCount: 2 }).where(eq(threads.id, dup.thread.id));
    const [karan] = await t.database.db.select().from(contacts).where(eq(contacts.phone, "919822222222"));
    const into = karan?.id ?? 0;
    const res = await t.app.inject({
      method: "POST",
      url: `/api/contacts/${dup.contact.id}/merge`,
      headers: admin,
      payload: { intoContactId: into },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(ContactResponse.parse(res.json()).contact).toMatchObject({
      id: into,
      name: "Karan",
      email: "karan@mail.example",
    });
    const left = await t.database.db.select().from(threads).where(eq(threads.contactId, into));
    expect(left).toHaveLength(1);
    expect(left[0]?.unreadCount).toBe(3);
    expect(await t.database.db.select().from(threads).where(eq(threads.id, dup.thread.id))).toEqual([]);
    const [gone] = await t.database.db.select().from(contacts).where(eq(contacts.id, dup.contact.id));
    expect(gone?.mergedIntoId).toBe(into);
    const again = await linkThread(t.ctx(), {
      channel: "EMAIL",
      direction: "INBOUND",
      at: now,
      email: "karan@mail.example",
    });
    expect(again.contact.id).toBe(into);
    expect(
      (await t.database.db.select().from(messageLogs).where(eq(messageLogs.contactId, into))).length,
    ).toBe(1);
    expect(
      await t.database.db.select().from(auditLogs).where(eq(auditLogs.action, "contact.merged")),
    ).toHaveLength(1);
  });

  it("refuses merging into itself and lets agents not merge at all", async () => {
    const [priya] = await t.database.db.select().from(contacts).where(eq(contacts.phone, "919811111111"));
    const url = `/api/contacts/${priya?.id}/merge`;
    expect(
      (await t.app.inject({ method: "POST", url, headers: admin, payload: { intoContactId: priya?.id } }))
        .statusCode,
    ).toBe(400);
    const agent = await apiKeyHeaders(t, "AGENT", ["GOA"]);
    expect(
      (await t.app.inject({ method: "POST", url, headers: agent, payload: { intoContactId: 1 } })).statusCode,
    ).toBe(403);
  });
});
