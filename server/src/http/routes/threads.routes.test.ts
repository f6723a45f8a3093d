import { ErrorResponse } from "@contract/errors";
import { ThreadDetailResponse, ThreadListResponse, ThreadResponse } from "@contract/threads";
import { NoteItem, TimelineResponse } from "@contract/timeline";
import { jobs, properties } from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { setThreadStatus } from "@server/domain/threads/set-thread-status";
import { createProperty, createStaff } from "@test/factories";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: { authorization: string };
type Key = "propertyB" | "agent" | "agent2" | "asha" | "bala" | "caller" | "done" | "pune";
const ids = {} as Record<Key, number>;
const t0 = new Date(Date.now() - 60 * 60_000);
const at = (m: number) => new Date(t0.getTime() + m * 60_000);

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const a = await createProperty(db, {
    code: "GOA",
    isDefault: true,
    whatsappNumber: "917000000001",
    assignmentPolicy: "ALL",
  });
  const b = await createProperty(db, { code: "PUNE", whatsappNumber: "917000000002" });
  ids.propertyB = b.id;
  ids.agent = (await createStaff(db, [a.id], { name: "Ravi" })).id;
  ids.agent2 = (await createStaff(db, [a.id], { name: "Meera", isAvailable: false })).id;
  admin = await apiKeyHeaders(t, "ADMIN");
  const ctx = t.ctx();
  const msg = (
    phone: string,
    m: number,
    text: string,
    more: Partial<Parameters<typeof addDemoMessage>[1]> = {},
  ) => addDemoMessage(ctx, { phone, channel: "WHATSAPP", direction: "INBOUND", text, at: at(m), ...more });
  ids.asha = (await msg("919800000001", 1, "Is breakfast included?", { name: "Asha Rao" })).thread.id;
  await msg("919800000001", 2, "Yes, 7 to 10.", { direction: "OUTBOUND" });
  ids.bala = (
    await msg("919800000002", 3, "Late checkout please", { channel: "SMS", name: "Bala" })
  ).thread.id;
  const call = await t.app.inject({
    method: "POST",
    url: "/api/calls",
    headers: admin,
    payload: {
      phone: "+91 98000 00003",
      direction: "INBOUND",
      status: "MISSED",
      startedAt: at(4).toISOString(),
    },
  });
  ids.caller = call.json().threadId;
  ids.done = (await msg("919800000004", 5, "Thanks, all good")).thread.id;
  await setThreadStatus(ctx, { threadId: ids.done, status: "RESOLVED" });
  ids.pune = (await msg("919800000005", 6, "Parking?", { receivingNumber: "917000000002" })).thread.id;
});
afterAll(() => t.close());

async function list(query: string, headers = admin) {
  const res = await t.app.inject({ method: "GET", url: `/api/threads${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return ThreadListResponse.parse(res.json());
}
const listIds = async (query: string) => (await list(query)).threads.map((r) => r.id);

describe("GET /api/threads", () => {
  it("lists rows newest activity first with contact, preview, unread, assignee, property and window", async () => {
    const { threads } = await list("");
    expect(threads.map((r) => r.id)).toEqual([ids.pune, ids.done, ids.caller, ids.bala, ids.asha]);
    const asha = threads.find((r) => r.id === ids.asha);
    expect(asha).toMatchObject({
      contact: { name: "Asha Rao", phone: "919800000001" },
      lastPreview: "Yes, 7 to 10.",
      unreadCount: 1,
      assignee: { id: ids.agent, name: "Ravi" },
      property: { code: "GOA" },
      lastInboundChannel: "WHATSAPP",
      whatsappWindow: { open: true, expiresAt: new Date(at(1).getTime() + 86_400_000).toISOString() },
    });
    expect(threads.find((r) => r.id === ids.bala)?.whatsappWindow).toEqual({ open: false, expiresAt: null });
  });

  it.each([
    ["?status=RESOLVED", ["done"]],
    ["?status=OPEN,PENDING", ["pune", "caller", "bala", "asha"]],
    ["?channel=SMS", ["bala"]],
    ["?channel=CALL", ["caller"]],
    ["?search=asha", ["asha"]],
    ["?search=98000%2000002", ["bala"]],
    ["?search=BREAKFAST", ["asha"]],
    ["?search=late%20check", ["bala"]],
    ["?search=Pa", ["pune"]],
    ["?search=no-such-guest", []],
    ["?assignee=none", ["pune"]],
  ] as Array<[string, Key[]]>)("filters %s", async (query, expected) => {
    expect(await listIds(query)).toEqual(expected.map((k) => ids[k]));
  });

  it("filters by property, assignee id and unread", async () => {
    expect(await listIds(`?propertyId=${ids.propertyB}`)).toEqual([ids.pune]);
    expect((await listIds(`?assignee=${ids.agent}`)).length).toBe(4);
    expect(await listIds("?unread=false")).toEqual([]);
    await t.app.inject({ method: "POST", url: `/api/threads/${ids.bala}/read`, headers: admin });
    expect(await listIds("?unread=false")).toEqual([ids.bala]);
    expect(await listIds("?unread=true")).not.toContain(ids.bala);
  });

  it("pages with nextCursor through every thread exactly once", async () => {
    const all = await listIds("");
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: ThreadListResponse = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.threads.length).toBeLessThanOrEqual(2);
      seen.push(...page.threads.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("refuses assignee=me for an API key and a forged cursor with 400", async () => {
    for (const query of ["?assignee=me", "?cursor=bm9wZQ", "?status=OPEN,NOPE"]) {
      const res = await t.app.inject({ method: "GET", url: `/api/threads${query}`, headers: admin });
      expect(res.statusCode).toBe(400);
      expect(ErrorResponse.parse(res.json()).error.code).toBe("VALIDATION_FAILED");
    }
  });

  it("shows a property's staff only that property's threads", async () => {
    const goa = await apiKeyHeaders(t, "AGENT", ["GOA"]);
    expect((await list("", goa)).threads.map((r) => r.id)).not.toContain(ids.pune);
    expect((await list(`?propertyId=${ids.propertyB}`, goa)).threads).toEqual([]);
  });
});

describe("GET /api/threads/:id and timeline", () => {
  it("returns the thread with its contact, booking and the contact's other threads", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/threads/${ids.asha}`, headers: admin });
    const body = ThreadDetailResponse.parse(res.json());
    expect(body.thread).toMatchObject({ id: ids.asha, firstResponseAt: at(2).toISOString() });
    expect(body.contact).toMatchObject({ name: "Asha Rao", whatsappOptedOut: false });
    expect(body.otherThreads).toEqual([]);
  });

  it("carries the property's time zone, so the desk sees days and times as the hotel does", async () => {
    const zoneOf = async (threadId: number) =>
      ThreadDetailResponse.parse(
        (await t.app.inject({ method: "GET", url: `/api/threads/${threadId}`, headers: admin })).json(),
      ).thread.timeZone;
    expect(await zoneOf(ids.asha)).toBe("Asia/Kolkata");
    await t.database.db
      .update(properties)
      .set({ timezone: "Asia/Dubai" })
      .where(eq(properties.id, ids.propertyB));
    expect(await zoneOf(ids.pune)).toBe("Asia/Dubai");
    expect(await zoneOf(ids.asha)).toBe("Asia/Kolkata");
  });

  it("merges messages, calls, notes and system events in time order and pages back", async () => {
    const note = await t.app.inject({
      method: "POST",
      url: `/api/threads/${ids.asha}/notes`,
      headers: admin,
      payload: { body: "VIP guest" },
    });
    expect(note.statusCode).toBe(201);
    expect(NoteItem.parse(note.json()).body).toBe("VIP guest");
    const res = await t.app.inject({
      method: "GET",
      url: `/api/threads/${ids.asha}/timeline`,
      headers: admin,
    });
    const { items, nextCursor } = TimelineResponse.parse(res.json());
    expect(nextCursor).toBeNull();
    expect(items.map((i) => (i.kind === "event" ? i.type : i.kind))).toEqual([
      "created",
      "assigned",
      "message",
      "message",
      "note",
    ]);
    const times = items.map((i) => i.at);
    expect([...times].sort()).toEqual(times);
    const paged: TimelineResponse["items"] = [];
    let cursor: string | null = null;
    do {
      const url = `/api/threads/${ids.asha}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page: TimelineResponse = TimelineResponse.parse(
        (await t.app.inject({ method: "GET", url, headers: admin })).json(),
      );
      paged.unshift(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(items);
  });

  it("shows a call and a later WhatsApp message from the same phone in one thread", async () => {
    await addDemoMessage(t.ctx(), {
      phone: "919800000003",
      channel: "WHATSAPP",
      direction: "INBOUND",
      text: "I called",
      at: at(7),
    });
    const res = await t.app.inject({
      method: "GET",
      url: `/api/threads/${ids.caller}/timeline`,
      headers: admin,
    });
    const kinds = TimelineResponse.parse(res.json())
      .items.filter((i) => i.kind !== "event")
      .map((i) => i.kind);
    expect(kinds).toEqual(["call", "message"]);
  });
});

describe("thread actions", () => {
  const post = (path: string, payload?: object) =>
    t.app.inject({ method: "POST", url: `/api/threads/${ids.bala}${path}`, headers: admin, payload });

  it("refuses an empty note", async () => {
    expect((await post("/notes", { body: "  " })).statusCode).toBe(400);
  });

  it("assigns, transfers and unassigns, only to staff of the property", async () => {
    const other = await createStaff(t.database.db, [ids.propertyB]);
    expect((await post("/assign", { staffUserId: other.id })).statusCode).toBe(400);
    const assigned = ThreadResponse.parse((await post("/assign", { staffUserId: ids.agent2 })).json());
    expect(assigned.thread.assignee).toEqual({ id: ids.agent2, name: "Meera" });
    const unassigned = ThreadResponse.parse((await post("/assign", { staffUserId: null })).json());
    expect(unassigned.thread.assignee).toBeNull();
  });

  it("snoozes until a time (queuing the wake-up), resolves once and reopens", async () => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const snoozed = ThreadResponse.parse(
      (await post("/status", { status: "SNOOZED", snoozedUntil: until })).json(),
    );
    expect(snoozed.thread).toMatchObject({ status: "SNOOZED", snoozedUntil: until });
    const queued = (await t.database.db.select().from(jobs)).filter((j) => j.queue === "wake-snoozed-thread");
    expect(queued.map((j) => [j.payload, j.runAt.toISOString()])).toContainEqual([
      { threadId: ids.bala },
      until,
    ]);
    const resolved = ThreadResponse.parse((await post("/status", { status: "RESOLVED" })).json());
    expect(resolved.thread.resolvedAt).not.toBeNull();
    const again = ThreadResponse.parse((await post("/status", { status: "RESOLVED" })).json());
    expect(again.thread.resolvedAt).toBe(resolved.thread.resolvedAt);
    const open = ThreadResponse.parse((await post("/status", { status: "OPEN" })).json());
    expect(open.thread).toMatchObject({ status: "OPEN", resolvedAt: null });
    expect((await post("/status", { status: "CLOSED" })).statusCode).toBe(400);
  });
});
