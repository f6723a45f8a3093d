import { PropertyListResponse, PropertyResponse } from "@contract/properties";
import { StaffListResponse, StaffResponse } from "@contract/staff";
import { auditLogs, threads } from "@server/db/schema/index";
import { linkThread } from "@server/domain/threads/link-thread";
import { createProperty, createStaff } from "@test/factories";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: { authorization: string };
let goaManager: { authorization: string };
let goa: number;
let pune: number;

beforeAll(async () => {
  t = await buildTestApp();
  goa = (await createProperty(t.database.db, { code: "GOA", assignmentPolicy: "ALL", isDefault: true })).id;
  pune = (await createProperty(t.database.db, { code: "PUNE" })).id;
  admin = await apiKeyHeaders(t, "ADMIN");
  goaManager = await apiKeyHeaders(t, "MANAGER", ["GOA"]);
});
afterAll(() => t.close());

const call = (method: "GET" | "POST" | "PATCH", url: string, payload?: object, headers = admin) =>
  t.app.inject({ method, url, headers, payload });

describe("/api/properties", () => {
  it("lists only the caller's properties", async () => {
    const all = PropertyListResponse.parse((await call("GET", "/api/properties")).json());
    expect(all.properties.map((p) => p.code)).toEqual(["GOA", "PUNE"]);
    const mine = PropertyListResponse.parse(
      (await call("GET", "/api/properties", undefined, goaManager)).json(),
    );
    expect(mine.properties.map((p) => p.code)).toEqual(["GOA"]);
  });

  it("lets admins create and update (one default, normalized unique number), no one else", async () => {
    const body = { code: "mum", name: "Mumbai", whatsappNumber: "+91 70000 00003", isDefault: true };
    expect((await call("POST", "/api/properties", body, goaManager)).statusCode).toBe(403);
    const created = await call("POST", "/api/properties", body);
    expect(created.statusCode, created.body).toBe(201);
    const { property } = PropertyResponse.parse(created.json());
    expect(property).toMatchObject({
      code: "MUM",
      whatsappNumber: "917000000003",
      isDefault: true,
      assignmentPolicy: "BOOKING_LINKED",
    });
    const defaults = PropertyListResponse.parse(
      (await call("GET", "/api/properties")).json(),
    ).properties.filter((p) => p.isDefault);
    expect(defaults.map((p) => p.code)).toEqual(["MUM"]);
    expect((await call("POST", "/api/properties", { ...body, code: "MUM2" })).statusCode).toBe(409);
    const updated = await call("PATCH", `/api/properties/${property.id}`, {
      assignmentPolicy: "ALL",
      timezone: "Asia/Dubai",
    });
    expect(PropertyResponse.parse(updated.json()).property).toMatchObject({
      assignmentPolicy: "ALL",
      timezone: "Asia/Dubai",
    });
    expect(
      (await call("PATCH", `/api/properties/${property.id}`, { timezone: "Mars/Base" })).statusCode,
    ).toBe(400);
  });
});

describe("/api/staff", () => {
  it("lets a manager add agents to their own properties, not admins nor elsewhere", async () => {
    const agent = { email: "New.Agent@hotel.example", name: "New Agent", propertyIds: [goa] };
    const created = await call("POST", "/api/staff", agent, goaManager);
    expect(created.statusCode, created.body).toBe(201);
    expect(StaffResponse.parse(created.json()).staff).toMatchObject({
      email: "new.agent@hotel.example",
      role: "AGENT",
      propertyIds: [goa],
    });
    expect(
      (await call("POST", "/api/staff", { ...agent, email: "a@b.example", role: "ADMIN" }, goaManager))
        .statusCode,
    ).toBe(403);
    expect(
      (await call("POST", "/api/staff", { ...agent, email: "c@b.example", propertyIds: [pune] }, goaManager))
        .statusCode,
    ).toBe(403);
    expect((await call("POST", "/api/staff", agent)).statusCode).toBe(409);
    const agentKey = await apiKeyHeaders(t, "AGENT", ["GOA"]);
    expect((await call("POST", "/api/staff", { ...agent, email: "d@b.example" }, agentKey)).statusCode).toBe(
      403,
    );
  });

  it("lists staff of the manager's properties only", async () => {
    await createStaff(t.database.db, [pune], { name: "Pune Only" });
    const seen = StaffListResponse.parse(
      (await call("GET", "/api/staff", undefined, goaManager)).json(),
    ).staff.map((s) => s.name);
    expect(seen).toContain("New Agent");
    expect(seen).not.toContain("Pune Only");
    const adminSees = StaffListResponse.parse((await call("GET", "/api/staff")).json()).staff.map(
      (s) => s.name,
    );
    expect(adminSees).toContain("Pune Only");
  });

  it("deactivation hands the person's open threads to someone available (audited)", async () => {
    const desk = await createProperty(t.database.db, {
      whatsappNumber: "917000000009",
      assignmentPolicy: "ALL",
    });
    const leaving = await createStaff(t.database.db, [desk.id], { name: "Leaving" });
    const staying = await createStaff(t.database.db, [desk.id], { name: "Staying" });
    const mine = [];
    for (let i = 0; i < 4; i++) {
      const { thread } = await linkThread(t.ctx(), {
        channel: "SMS",
        direction: "INBOUND",
        at: new Date(),
        phone: `91981234000${i}`,
        receivingNumber: "917000000009",
      });
      if (thread.assigneeId === leaving.id) mine.push(thread.id);
    }
    expect(mine.length).toBeGreaterThan(0);
    const res = await call("PATCH", `/api/staff/${leaving.id}`, { isActive: false });
    expect(StaffResponse.parse(res.json()).staff.isActive).toBe(false);
    for (const id of mine) {
      const [row] = await t.database.db.select().from(threads).where(eq(threads.id, id));
      expect(row?.assigneeId).toBe(staying.id);
    }
    expect(
      await t.database.db.select().from(auditLogs).where(eq(auditLogs.action, "staff.deactivated")),
    ).toHaveLength(1);
  });

  it("keeps a manager's hands off admins and other properties' memberships", async () => {
    const boss = await createStaff(t.database.db, [goa], { role: "ADMIN" });
    expect((await call("PATCH", `/api/staff/${boss.id}`, { name: "x" }, goaManager)).statusCode).toBe(403);
    const both = await createStaff(t.database.db, [goa, pune]);
    const res = await call(
      "PATCH",
      `/api/staff/${both.id}`,
      { propertyIds: [], maxOpenThreads: 3 },
      goaManager,
    );
    expect(StaffResponse.parse(res.json()).staff).toMatchObject({ propertyIds: [pune], maxOpenThreads: 3 });
    const puneOnly = await createStaff(t.database.db, [pune]);
    expect((await call("PATCH", `/api/staff/${puneOnly.id}`, { name: "x" }, goaManager)).statusCode).toBe(
      404,
    );
  });

  it("drains the property's queue to someone coming back on shift, longest waiting first", async () => {
    const desk = await createProperty(t.database.db, {
      whatsappNumber: "917000000008",
      assignmentPolicy: "ALL",
    });
    const away = await createStaff(t.database.db, [desk.id], { isAvailable: false, maxOpenThreads: 2 });
    const waiting = [];
    for (let i = 0; i < 3; i++) {
      const at = new Date(Date.now() - (10 - i) * 60_000);
      const phone = `91981235000${i}`;
      const { thread } = await linkThread(t.ctx(), {
        channel: "SMS",
        direction: "INBOUND",
        at,
        phone,
        receivingNumber: "917000000008",
      });
      waiting.push(thread.id);
    }
    const back = await call("PATCH", `/api/staff/${away.id}`, { isAvailable: true });
    expect(back.statusCode, back.body).toBe(200);
    const rows = await t.database.db.select().from(threads).where(eq(threads.propertyId, desk.id));
    const byId = new Map(rows.map((r) => [r.id, r.assigneeId]));
    expect(waiting.map((id) => byId.get(id))).toEqual([away.id, away.id, null]);
  });
});
