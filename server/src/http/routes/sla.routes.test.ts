import { SlaPoliciesResponse, type SlaPolicy } from "@contract/sla";
import { ThreadListResponse } from "@contract/threads";
import { contacts, slaOutcomes, threads } from "@server/db/schema/index";
import { uniquePhone } from "@test/factories";
import { createTestProperties, sessionHeaders } from "@test/staff-session";
import { buildTestApp, type TestApp } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let ids: Record<string, number>;
let admin: Record<string, string>;
const policy: SlaPolicy = {
  channel: null,
  priority: null,
  firstResponseSeconds: 900,
  nextResponseSeconds: 600,
  resolutionSeconds: 86_400,
  pauseWhileSnoozed: true,
};

beforeAll(async () => {
  t = await buildTestApp();
  ids = await createTestProperties(t, "SLA-A", "SLA-B");
  admin = await sessionHeaders(t, "ADMIN");
});
afterAll(() => t.close());

async function createContact() {
  const [contact] = await t.database.db.insert(contacts).values({ phone: uniquePhone() }).returning();
  if (!contact) throw new Error("no contact");
  return contact;
}

const url = (code: string) => `/api/properties/${ids[code]}/sla-policies`;
const put = (code: string, headers: Record<string, string>, policies: unknown[] = [policy]) =>
  t.app.inject({ method: "PUT", url: url(code), headers, payload: { policies } });

describe("GET/PUT /api/properties/:id/sla-policies", () => {
  it("lets an admin replace and read a property's policies, most specific last", async () => {
    const sms = { ...policy, channel: "SMS", priority: "urgent", firstResponseSeconds: 120 };
    const res = await put("SLA-A", admin, [sms, policy]);
    expect(res.statusCode).toBe(200);
    const read = await t.app.inject({ method: "GET", url: url("SLA-A"), headers: admin });
    expect(SlaPoliciesResponse.parse(read.json()).policies).toEqual([policy, sms]);
  });

  it("lets a manager of the property, not of another one (404); agents get 403; no session 401", async () => {
    const manager = await sessionHeaders(t, "MANAGER", ["SLA-A"]);
    expect((await put("SLA-A", manager)).statusCode).toBe(200);
    expect((await put("SLA-B", manager)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: url("SLA-B"), headers: manager })).statusCode).toBe(404);
    const agent = await sessionHeaders(t, "AGENT", ["SLA-A"]);
    expect((await put("SLA-A", agent)).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: url("SLA-A"), headers: agent })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: url("SLA-A") })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: "PUT", url: url("SLA-A"), payload: { policies: [] } })).statusCode,
    ).toBe(401);
  });

  it("refuses two policies for the same channel and priority, and targets of zero", async () => {
    expect((await put("SLA-A", admin, [policy, policy])).statusCode).toBe(400);
    expect((await put("SLA-A", admin, [{ ...policy, firstResponseSeconds: 0 }])).statusCode).toBe(400);
  });
});

describe("inbox: SLA on the rows, sorted and filtered by breaching soon", () => {
  it("lists threads with a running target soonest first, and only those due within the hour", async () => {
    const now = Date.now();
    const make = async (dueInMinutes: number | null) => {
      const contact = await createContact();
      const due = dueInMinutes === null ? null : new Date(now + dueInMinutes * 60_000);
      const [row] = await t.database.db
        .insert(threads)
        .values({
          contactId: contact.id,
          propertyId: ids["SLA-B"],
          slaFirstResponseDueAt: due,
          slaDueAt: due,
          slaFirstResponseBreachedAt: dueInMinutes !== null && dueInMinutes < 0 ? due : null,
        })
        .returning({ id: threads.id });
      return row?.id ?? 0;
    };
    const later = await make(180);
    const soon = await make(20);
    const overdue = await make(-5);
    const none = await make(null);
    const list = async (query: string) =>
      ThreadListResponse.parse(
        (
          await t.app.inject({
            method: "GET",
            url: `/api/threads?propertyId=${ids["SLA-B"]}&${query}`,
            headers: admin,
          })
        ).json(),
      ).threads;
    expect((await list("sort=sla")).map((r) => r.id)).toEqual([overdue, soon, later]);
    const page1 = await t.app.inject({
      method: "GET",
      url: `/api/threads?propertyId=${ids["SLA-B"]}&sort=sla&limit=2`,
      headers: admin,
    });
    const cursor = ThreadListResponse.parse(page1.json()).nextCursor;
    expect((await list(`sort=sla&limit=2&cursor=${cursor}`)).map((r) => r.id)).toEqual([later]);
    expect((await list("breachingSoon=true")).map((r) => r.id).sort()).toEqual([overdue, soon].sort());
    const rows = await list("");
    expect(rows.find((r) => r.id === overdue)?.sla).toMatchObject({
      kind: "FIRST_RESPONSE",
      breachedAt: expect.any(String),
    });
    expect(rows.find((r) => r.id === none)?.sla).toBeNull();
  });
});

describe("GET /api/reports/sla", () => {
  it("answers attainment per target for the actor's properties, as JSON and CSV", async () => {
    const contact = await createContact();
    const [a] = await t.database.db
      .insert(threads)
      .values({ contactId: contact.id, propertyId: ids["SLA-A"] })
      .returning();
    const [b] = await t.database.db
      .insert(threads)
      .values({ contactId: contact.id, propertyId: ids["SLA-B"] })
      .returning();
    const at = new Date("2026-05-10T12:00:00Z");
    const outcome = (
      threadId: number,
      propertyId: number,
      kind: "FIRST_RESPONSE" | "RESOLUTION",
      met: boolean,
    ) => ({
      threadId,
      propertyId,
      kind,
      outcome: met ? ("MET" as const) : ("BREACHED" as const),
      dueAt: at,
      at,
    });
    const A = ids["SLA-A"] ?? 0;
    const B = ids["SLA-B"] ?? 0;
    await t.database.db
      .insert(slaOutcomes)
      .values([
        outcome(a?.id ?? 0, A, "FIRST_RESPONSE", true),
        outcome(a?.id ?? 0, A, "FIRST_RESPONSE", true),
        outcome(a?.id ?? 0, A, "FIRST_RESPONSE", false),
        outcome(a?.id ?? 0, A, "RESOLUTION", false),
        outcome(b?.id ?? 0, B, "FIRST_RESPONSE", false),
      ]);
    const manager = await sessionHeaders(t, "MANAGER", ["SLA-A"]);
    const query = "from=2026-05-01&to=2026-05-31";
    const res = await t.app.inject({ method: "GET", url: `/api/reports/sla?${query}`, headers: manager });
    expect(res.json().rows).toEqual([
      { kind: "FIRST_RESPONSE", met: 2, breached: 1, attainmentPercent: 66.7 },
      { kind: "NEXT_RESPONSE", met: 0, breached: 0, attainmentPercent: null },
      { kind: "RESOLUTION", met: 0, breached: 1, attainmentPercent: 0 },
    ]);
    const all = await t.app.inject({ method: "GET", url: `/api/reports/sla?${query}`, headers: admin });
    expect(all.json().rows[0]).toEqual({
      kind: "FIRST_RESPONSE",
      met: 2,
      breached: 2,
      attainmentPercent: 50,
    });
    const csv = await t.app.inject({
      method: "GET",
      url: `/api/reports/sla?${query}&format=csv`,
      headers: manager,
    });
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.split("\r\n").slice(0, 2)).toEqual([
      "kind,met,breached,attainmentPercent",
      "FIRST_RESPONSE,2,1,66.7",
    ]);
    const other = await t.app.inject({
      method: "GET",
      url: `/api/reports/sla?${query}&propertyId=${B}`,
      headers: manager,
    });
    expect(other.statusCode).toBe(404);
    const agent = await sessionHeaders(t, "AGENT", ["SLA-A"]);
    expect(
      (await t.app.inject({ method: "GET", url: `/api/reports/sla?${query}`, headers: agent })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: "GET", url: `/api/reports/sla?${query}` })).statusCode).toBe(401);
  });
});
