import { AuditListResponse } from "@contract/audit";
import { recordAudit } from "@server/domain/audit/record-audit";
import { createTestProperties, sessionHeaders } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: Record<string, string>;
let ids: Record<string, number>;
beforeAll(async () => {
  t = await buildTestApp();
  ids = await createTestProperties(t, "GOA", "PUNE");
  admin = await apiKeyHeaders(t, "ADMIN");
  const at = (iso: string) => () => new Date(iso);
  const entries = [
    {
      action: "thread.assigned",
      propertyId: ids.GOA,
      targetType: "thread",
      targetId: 7,
      when: "2026-11-01T10:00:00Z",
    },
    {
      action: "thread.status_changed",
      propertyId: ids.GOA,
      targetType: "thread",
      targetId: 7,
      when: "2026-11-02T10:00:00Z",
    },
    {
      action: "message.sent",
      propertyId: ids.PUNE,
      targetType: "message",
      targetId: 9,
      when: "2026-11-03T10:00:00Z",
    },
  ];
  for (const { when, ...entry } of entries) {
    await recordAudit(
      { ...t.ctx({ type: "staff", staffUserId: 5, role: "AGENT", propertyIds: [] }), now: at(when) },
      entry,
    );
  }
});
afterAll(() => t.close());

const list = async (query: string, headers = admin) => {
  const res = await t.app.inject({ method: "GET", url: `/api/audit${query}`, headers });
  expect(res.statusCode).toBe(200);
  return AuditListResponse.parse(res.json());
};

describe("GET /api/audit", () => {
  it("lists newest first, filtered by action (exact or dotted prefix), actor, target, property, time", async () => {
    expect((await list("?action=thread")).entries.map((e) => e.action)).toEqual([
      "thread.status_changed",
      "thread.assigned",
    ]);
    expect((await list("?action=message.sent")).entries).toHaveLength(1);
    expect((await list("?action=message.sen")).entries).toHaveLength(0);
    expect((await list(`?propertyId=${ids.PUNE}`)).entries.map((e) => e.action)).toEqual(["message.sent"]);
    expect((await list("?actorType=STAFF&actorId=5&targetType=thread&targetId=7")).entries).toHaveLength(2);
    const window = await list("?since=2026-11-02T00:00:00Z&until=2026-11-02T23:59:59Z");
    expect(window.entries.map((e) => e.action)).toEqual(["thread.status_changed"]);
  });

  it("pages with a cursor", async () => {
    const first = await list("?limit=2&since=2026-11-01T00:00:00Z&until=2026-11-10T00:00:00Z");
    expect(first.entries).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(
      `?limit=2&since=2026-11-01T00:00:00Z&until=2026-11-10T00:00:00Z&cursor=${first.nextCursor}`,
    );
    expect(second.entries.map((e) => e.action)).toEqual(["thread.assigned"]);
    expect(second.nextCursor).toBeNull();
  });

  it("is for admins only", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/audit",
      headers: await sessionHeaders(t, "MANAGER", ["GOA"]),
    });
    expect(res.statusCode).toBe(403);
  });

  it("rejects a malformed filter with 400", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/audit?since=yesterday", headers: admin });
    expect(res.statusCode).toBe(400);
  });
});
