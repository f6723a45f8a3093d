import { ErrorResponse } from "@contract/errors";
import { AssignableStaffResponse } from "@contract/handover";
import { ThreadResponse } from "@contract/threads";
import { type EventItem, type MessageItem, TimelineResponse } from "@contract/timeline";
import { messageLogs, staffUsers, threads } from "@server/db/schema/index";
import { createApiKey } from "@server/domain/api-keys/create-api-key";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { createProperty, createStaff, uniquePhone } from "@test/factories";
import { createTestStaff, signIn } from "@test/staff-session";
import { buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";

let t: TestApp;
const ids = { goa: 0, blr: 0, pune: 0, ravi: 0, meera: 0, leaver: 0, sam: 0, manager: 0, admin: 0 };
let agent: Record<string, string>;
let manager: Record<string, string>;
const goaNumber = "917000000011";

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const goa = await createProperty(db, {
    name: "Pod Goa",
    whatsappNumber: goaNumber,
    assignmentPolicy: "ALL",
  });
  const blr = await createProperty(db, {
    name: "Pod Bengaluru",
    whatsappNumber: "917000000012",
    assignmentPolicy: "ALL",
  });
  ids.goa = goa.id;
  ids.blr = blr.id;
  ids.pune = (await createProperty(db, { name: "Pod Pune" })).id;
  const raviLogin = await createTestStaff(t, { role: "AGENT", propertyCodes: [goa.code] });
  ids.ravi = raviLogin.id;
  const managerLogin = await createTestStaff(t, { role: "MANAGER", propertyCodes: [goa.code, blr.code] });
  ids.manager = managerLogin.id;
  await db.update(staffUsers).set({ name: "Ravi Kumar" }).where(eq(staffUsers.id, ids.ravi));
  await db
    .update(staffUsers)
    .set({ name: "Manoj Desai", isAvailable: false })
    .where(eq(staffUsers.id, ids.manager));
  ids.meera = (await createStaff(db, [ids.goa], { name: "Meera Nair", isAvailable: false })).id;
  ids.leaver = (await createStaff(db, [ids.goa], { name: "Old Leaver", isActive: false })).id;
  ids.sam = (await createStaff(db, [ids.blr], { name: "Sam Blr" })).id;
  ids.admin = (await createStaff(db, [], { name: "Ada Admin", role: "ADMIN" })).id;
  agent = (await signIn(t, raviLogin)).headers;
  manager = (await signIn(t, managerLogin)).headers;
});
afterAll(() => t.close());

/** A guest writing to Goa: a new thread there, given to Ravi. */
async function goaThread(): Promise<number> {
  const { thread } = await addDemoMessage(t.ctx(), {
    phone: uniquePhone(),
    channel: "WHATSAPP",
    direction: "INBOUND",
    text: "hello",
    at: new Date(),
    receivingNumber: goaNumber,
  });
  await call("POST", `/api/threads/${thread.id}/assign`, manager, { staffUserId: ids.ravi });
  return thread.id;
}

const call = (method: "GET" | "POST", url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload && { payload }) });

async function timeline(threadId: number) {
  const res = await call("GET", `/api/threads/${threadId}/timeline`, manager);
  return TimelineResponse.parse(res.json()).items;
}
const events = (items: Awaited<ReturnType<typeof timeline>>) =>
  items.filter((i): i is z.infer<typeof EventItem> => i.kind === "event");

describe("handover between colleagues", () => {
  it("lists the property's active staff for an agent: names and availability, nothing else", async () => {
    const threadId = await goaThread();
    const res = await call("GET", `/api/threads/${threadId}/assignable-staff`, agent);
    expect(res.statusCode).toBe(200);
    const { staff } = AssignableStaffResponse.parse(res.json());
    expect(staff.map((s) => s.name).sort()).toEqual(["Manoj Desai", "Meera Nair", "Ravi Kumar"]);
    expect(staff.find((s) => s.name === "Meera Nair")?.isAvailable).toBe(false);
    for (const row of res.json().staff)
      expect(Object.keys(row).sort()).toEqual(["id", "isAvailable", "name"]);
    expect(res.body).not.toContain("@");
    const asManager = AssignableStaffResponse.parse(
      (await call("GET", `/api/threads/${threadId}/assignable-staff`, manager)).json(),
    );
    expect(asManager.staff.map((s) => s.name)).toContain("Ada Admin");
  });

  it("lets an agent transfer to a colleague and says so on the timeline, by name", async () => {
    const threadId = await goaThread();
    const res = await call("POST", `/api/threads/${threadId}/assign`, agent, { staffUserId: ids.meera });
    expect(res.statusCode).toBe(200);
    expect(ThreadResponse.parse(res.json()).thread.assignee?.name).toBe("Meera Nair");
    const transferred = events(await timeline(threadId)).find((e) => e.type === "transferred");
    expect(transferred?.actor).toEqual({ type: "STAFF", id: ids.ravi, name: "Ravi Kumar" });
    expect(transferred?.data).toMatchObject({ from: ids.ravi, to: ids.meera });
    expect(transferred?.names).toEqual({ [ids.ravi]: "Ravi Kumar", [ids.meera]: "Meera Nair" });
  });

  it("refuses, in words, a transfer to another property's staff, a leaver or a non-member admin", async () => {
    const threadId = await goaThread();
    for (const staffUserId of [ids.sam, ids.leaver, ids.admin]) {
      const res = await call("POST", `/api/threads/${threadId}/assign`, agent, { staffUserId });
      expect(res.statusCode).toBe(400);
      expect(ErrorResponse.parse(res.json()).error.message).toMatch(
        /is not an active member of this thread's property/,
      );
    }
    const release = await call("POST", `/api/threads/${threadId}/assign`, manager, {
      staffUserId: ids.meera,
    });
    expect(release.statusCode).toBe(200);
    const res = await call("POST", `/api/threads/${threadId}/assign`, agent, { staffUserId: null });
    expect(res.statusCode).toBe(403);
    expect(ErrorResponse.parse(res.json()).error.message).toMatch(/only unassign their own/);
  });
});

describe("moving a thread to another property", () => {
  it("is refused to agents, in words", async () => {
    const threadId = await goaThread();
    const res = await call("POST", `/api/threads/${threadId}/property`, agent, { propertyId: ids.blr });
    expect(res.statusCode).toBe(403);
    expect(ErrorResponse.parse(res.json()).error.message).toMatch(/only managers and admins may move/);
  });

  it("lets a manager move it: an event naming them, and the new property deals it out", async () => {
    const threadId = await goaThread();
    const res = await call("POST", `/api/threads/${threadId}/property`, manager, { propertyId: ids.blr });
    expect(res.statusCode).toBe(200);
    const { thread } = ThreadResponse.parse(res.json());
    expect(thread.property?.id).toBe(ids.blr);
    expect(thread.assignee?.name).toBe("Sam Blr");
    const list = events(await timeline(threadId));
    const moved = list.find((e) => e.type === "property_changed");
    expect(moved?.actor.name).toBe("Manoj Desai");
    expect(moved?.data).toMatchObject({ fromPropertyName: "Pod Goa", toPropertyName: "Pod Bengaluru" });
    const after = list
      .slice(list.indexOf(moved as (typeof list)[number]) + 1)
      .map((e) => [e.type, e.data?.how]);
    expect(after).toEqual([
      ["unassigned", "moved"],
      ["assigned", "round_robin"],
    ]);
    // Ravi no longer belongs to the thread's property: it is gone for him.
    expect((await call("GET", `/api/threads/${threadId}`, agent)).statusCode).toBe(404);
  });

  it("answers 404 for a property the manager cannot see, 409 when the guest is already open there", async () => {
    const threadId = await goaThread();
    const hidden = await call("POST", `/api/threads/${threadId}/property`, manager, { propertyId: ids.pune });
    expect(hidden.statusCode).toBe(404);
    const atGoa = await goaThread();
    const [moving] = await t.database.db.select().from(threads).where(eq(threads.id, atGoa));
    // The guest's other open conversation, at Bengaluru (linking would continue the Goa one).
    await t.database.db.insert(threads).values({ contactId: moving?.contactId ?? 0, propertyId: ids.blr });
    const res = await call("POST", `/api/threads/${atGoa}/property`, manager, { propertyId: ids.blr });
    expect(res.statusCode).toBe(409);
    expect(ErrorResponse.parse(res.json()).error.message).toMatch(
      /already has an open conversation at Pod Bengaluru/,
    );
  });
});

describe("who sent what", () => {
  it("names the sender of each outbound message: a person, an API key, or automatic", async () => {
    const threadId = await goaThread();
    const key = await createApiKey(t.ctx(), { name: "PMS bridge", role: "ADMIN" });
    const insert = (values: { senderStaffId?: number; senderApiKeyId?: number }) =>
      t.database.db.insert(messageLogs).values({
        threadId,
        phone: "919800000000",
        channel: "WHATSAPP",
        direction: "OUTBOUND",
        message: "hi",
        ...values,
      });
    await insert({ senderStaffId: ids.ravi });
    await insert({ senderApiKeyId: key.id });
    await insert({});
    const senders = (await timeline(threadId))
      .filter((i): i is z.infer<typeof MessageItem> => i.kind === "message")
      .map((m) => m.sender);
    expect(senders).toEqual([
      null,
      { type: "STAFF", id: ids.ravi, name: "Ravi Kumar" },
      { type: "API_KEY", id: key.id, name: "PMS bridge" },
      { type: "SYSTEM", id: null, name: null },
    ]);
  });
});
