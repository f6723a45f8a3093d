import { ErrorResponse } from "@contract/errors";
import { LabelResponse } from "@contract/labels";
import { BulkThreadsResponse } from "@contract/thread-bulk";
import { ThreadListResponse } from "@contract/threads";
import { auditLogs, threadEvents, threads } from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { createProperty, createStaff } from "@test/factories";
import { sessionHeaders } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
type Headers = Record<string, string>;
let admin: Headers;
let goaAgent: Headers;
let puneAgent: Headers;
let goa: number;
let ravi: number;
const goaThreads: number[] = [];
const puneThreads: number[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  goa = (await createProperty(db, { code: "GOA", isDefault: true, whatsappNumber: "917000000001" })).id;
  await createProperty(db, { code: "PUNE", whatsappNumber: "917000000002" });
  ravi = (await createStaff(db, [goa], { name: "Ravi" })).id;
  admin = await apiKeyHeaders(t, "ADMIN");
  goaAgent = await apiKeyHeaders(t, "AGENT", ["GOA"]);
  puneAgent = await apiKeyHeaders(t, "AGENT", ["PUNE"]);
  const ctx = t.ctx();
  const start = Date.now() - 60 * 60_000;
  for (let i = 0; i < 12; i++) {
    const pune = i >= 9;
    const { thread } = await addDemoMessage(ctx, {
      phone: `9198000001${String(i).padStart(2, "0")}`,
      channel: "WHATSAPP",
      direction: "INBOUND",
      text: `guest ${i}`,
      at: new Date(start + i * 60_000),
      receivingNumber: pune ? "917000000002" : "917000000001",
    });
    (pune ? puneThreads : goaThreads).push(thread.id);
  }
});
afterAll(() => t.close());

async function bulk(headers: Headers, body: object) {
  const res = await t.app.inject({ method: "POST", url: "/api/threads/bulk", headers, payload: body });
  expect(res.statusCode, res.body).toBe(200);
  return BulkThreadsResponse.parse(res.json());
}
const statusOf = async (ids: number[]) =>
  Object.fromEntries(
    (
      await t.database.db
        .select({ id: threads.id, status: threads.status })
        .from(threads)
        .where(inArray(threads.id, ids))
    ).map((r) => [r.id, r.status]),
  );

describe("POST /api/threads/bulk", () => {
  it("applies per thread and reports threads the caller may not touch as errors, not skips", async () => {
    const [a, b] = goaThreads;
    const [p] = puneThreads;
    if (a === undefined || b === undefined || p === undefined) throw new Error("setup");
    const out = await bulk(goaAgent, { threadIds: [a, p, b, 999_999], action: "resolve" });
    expect(out).toEqual({
      results: [
        { threadId: a, ok: true },
        { threadId: p, ok: false, error: { code: "NOT_FOUND", message: `thread ${p} not found` } },
        { threadId: b, ok: true },
        { threadId: 999_999, ok: false, error: { code: "NOT_FOUND", message: "thread 999999 not found" } },
      ],
      truncated: false,
    });
    expect(await statusOf([a, b, p])).toEqual({ [a]: "RESOLVED", [b]: "RESOLVED", [p]: "OPEN" });
    const denied = await t.database.db.select().from(auditLogs).where(eq(auditLogs.action, "access.denied"));
    expect(denied.at(-1)?.details).toMatchObject({ bulkAction: "resolve", count: 1, threadIds: [p] });

    // The single verbs' own rules hold: an agent (key) may not assign, a manager-only rule.
    const assign = await bulk(goaAgent, { threadIds: [a], action: "assign", params: { staffUserId: ravi } });
    expect(assign.results).toEqual([
      { threadId: a, ok: false, error: expect.objectContaining({ code: "FORBIDDEN" }) },
    ]);
    const reopen = await bulk(admin, { threadIds: [a, b], action: "reopen" });
    expect(reopen.results.every((r) => r.ok)).toBe(true);
    expect(await statusOf([a, b])).toEqual({ [a]: "OPEN", [b]: "OPEN" });
    const transfer = await bulk(admin, {
      threadIds: [a, p],
      action: "transfer",
      params: { staffUserId: ravi },
    });
    expect(transfer.results).toEqual([
      { threadId: a, ok: true },
      { threadId: p, ok: false, error: expect.objectContaining({ code: "VALIDATION_FAILED" }) },
    ]);
  });

  it("labels, prioritises, snoozes and marks read through the single verbs", async () => {
    const label = LabelResponse.parse(
      (
        await t.app.inject({
          method: "POST",
          url: "/api/labels",
          headers: admin,
          payload: { propertyId: goa, name: "Breakfast", color: "amber" },
        })
      ).json(),
    ).label;
    const some = goaThreads.slice(2, 6);
    const added = await bulk(goaAgent, {
      threadIds: [...some, puneThreads[0]],
      action: "label-add",
      params: { labelId: label.id },
    });
    expect(added.results.map((r) => r.ok)).toEqual([true, true, true, true, false]);
    const list = async (q: string, h: Headers = admin) =>
      ThreadListResponse.parse(
        (await t.app.inject({ method: "GET", url: `/api/threads${q}`, headers: h })).json(),
      ).threads;
    expect((await list(`?label=${label.id}`)).map((r) => r.id).sort()).toEqual([...some].sort());

    // "Select all matching": the filter picks what the inbox would list for the caller.
    const urgent = await bulk(goaAgent, {
      filter: { label: String(label.id) },
      action: "priority",
      params: { priority: "urgent" },
    });
    expect(urgent.results.map((r) => r.threadId).sort()).toEqual([...some].sort());
    expect((await list("?priority=urgent")).map((r) => r.id).sort()).toEqual([...some].sort());
    const everythingForPune = await bulk(puneAgent, { filter: {}, action: "mark-read" });
    expect(everythingForPune.results.map((r) => r.threadId).sort()).toEqual([...puneThreads].sort());
    expect((await list("", puneAgent)).every((r) => r.unreadCount === 0)).toBe(true);

    const until = new Date(Date.now() + 3 * 60 * 60_000).toISOString();
    const snoozed = await bulk(goaAgent, {
      threadIds: some,
      action: "snooze",
      params: { snoozedUntil: until },
    });
    expect(snoozed.results.every((r) => r.ok)).toBe(true);
    expect((await list("?status=SNOOZED")).map((r) => r.snoozedUntil)).toEqual(some.map(() => until));
    const past = await bulk(goaAgent, {
      threadIds: some.slice(0, 1),
      action: "snooze",
      params: { snoozedUntil: new Date(0).toISOString() },
    });
    expect(past.results[0]).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });

    const removed = await bulk(goaAgent, {
      filter: { label: String(label.id) },
      action: "label-remove",
      params: { labelId: label.id },
    });
    expect(removed.results).toHaveLength(4);
    expect(await list(`?label=${label.id}`)).toEqual([]);
  });

  it("marks threads unread and read again for the signed-in person only", async () => {
    const ravi = await sessionHeaders(t, "AGENT", ["PUNE"]);
    const meera = await sessionHeaders(t, "AGENT", ["PUNE"]);
    const unreadOf = async (h: Headers) =>
      Object.fromEntries(
        ThreadListResponse.parse(
          (await t.app.inject({ method: "GET", url: "/api/threads", headers: h })).json(),
        ).threads.map((r) => [r.id, r.unreadCount]),
      );
    for (const h of [ravi, meera]) await bulk(h, { threadIds: puneThreads, action: "mark-read" });
    const unread = await bulk(ravi, { threadIds: puneThreads, action: "mark-unread" });
    expect(unread.results.every((r) => r.ok)).toBe(true);
    const forRavi = await unreadOf(ravi);
    const forMeera = await unreadOf(meera);
    for (const id of puneThreads) expect([id, forRavi[id], forMeera[id]]).toEqual([id, 1, 0]);
    await bulk(ravi, { threadIds: puneThreads, action: "mark-read" });
    const again = await unreadOf(ravi);
    for (const id of puneThreads) expect([id, again[id]]).toEqual([id, 0]);
  });

  it("is atomic per thread when single actions run at the same time", async () => {
    const targets = goaThreads.slice(6, 9);
    const singles = targets.flatMap((id) => [
      t.app.inject({
        method: "POST",
        url: `/api/threads/${id}/status`,
        headers: admin,
        payload: { status: "RESOLVED" },
      }),
      t.app.inject({
        method: "POST",
        url: `/api/threads/${id}/priority`,
        headers: admin,
        payload: { priority: "high" },
      }),
    ]);
    const [out, ...singleResponses] = await Promise.all([
      bulk(goaAgent, { threadIds: targets, action: "resolve" }),
      ...singles,
    ]);
    expect(singleResponses.map((r) => r.statusCode)).toEqual(singles.map(() => 200));
    expect(out.results.every((r) => r.ok)).toBe(true);
    const rows = await t.database.db
      .select({ id: threads.id, status: threads.status, priority: threads.priority })
      .from(threads)
      .where(inArray(threads.id, targets));
    expect(rows.every((r) => r.status === "RESOLVED" && r.priority === 3)).toBe(true);
    // Whoever came second saw the thread already resolved: exactly one status change per thread.
    const changes = await t.database.db
      .select({ threadId: threadEvents.threadId })
      .from(threadEvents)
      .where(and(inArray(threadEvents.threadId, targets), eq(threadEvents.type, "status_changed")));
    expect(changes.map((c) => c.threadId).sort()).toEqual([...targets].sort());
  });

  it("refuses a malformed request as a whole", async () => {
    const bad = async (body: object) => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/threads/bulk",
        headers: admin,
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(400);
      return ErrorResponse.parse(res.json()).error.code;
    };
    expect(await bad({ threadIds: Array.from({ length: 501 }, (_, i) => i + 1), action: "resolve" })).toBe(
      "VALIDATION_FAILED",
    );
    expect(await bad({ action: "resolve" })).toBe("VALIDATION_FAILED");
    expect(await bad({ threadIds: [1], filter: {}, action: "resolve" })).toBe("VALIDATION_FAILED");
    expect(await bad({ threadIds: [1], action: "delete" })).toBe("VALIDATION_FAILED");
    expect(await bad({ threadIds: [1], action: "label-add", params: {} })).toBe("VALIDATION_FAILED");
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/api/threads/bulk",
      payload: { threadIds: [1], action: "resolve" },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
