import { RealtimeEvent, StreamReady } from "@contract/events";
import { properties } from "@server/db/schema/index";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { openSse } from "@test/sse-client";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

let t: TestApp;
let baseUrl: string;
let goa: number;
let pune: number;
beforeAll(async () => {
  t = await buildTestApp();
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  const rows = await t.database.db
    .insert(properties)
    .values([
      { code: "GOA", name: "Goa" },
      { code: "PUNE", name: "Pune" },
    ])
    .returning();
  goa = rows[0]?.id ?? 0;
  pune = rows[1]?.id ?? 0;
});
afterAll(() => t.close());

describe("GET /api/events", () => {
  it("refuses an unauthenticated stream", async () => {
    const res = await fetch(`${baseUrl}/api/events`);
    expect(res.status).toBe(401);
  });

  it("streams committed events of the caller's properties only", async () => {
    const sse = await openSse(`${baseUrl}/api/events`, await apiKeyHeaders(t, "AGENT", ["GOA"]));
    await sse.waitFor((m) => m.event === "stream.ready");
    // The stream writes its own head: the security headers set once at start are on it too.
    expect(sse.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(sse.headers.get("x-content-type-options")).toBe("nosniff");
    expect(sse.headers.get("strict-transport-security")).toContain("max-age=31536000");
    await publishEvent(t.ctx(), {
      type: "contact.updated",
      propertyId: pune,
      threadId: 1,
      payload: { contactId: 1, n: "pune" },
    });
    await publishEvent(t.ctx(), {
      type: "contact.updated",
      propertyId: goa,
      threadId: 2,
      payload: { contactId: 2, n: "goa" },
    });
    const got = await sse.waitFor((m) => m.event === "contact.updated");
    await sse.close();
    expect(RealtimeEvent.parse(got.data)).toMatchObject({ propertyId: goa, payload: { n: "goa" } });
    expect(sse.messages.filter((m) => m.event === "contact.updated")).toHaveLength(1);
    expect(got.id).toBe(RealtimeEvent.parse(got.data).id);
  });

  it("replays what was missed after Last-Event-ID, then goes live", async () => {
    const headers = await apiKeyHeaders(t, "ADMIN");
    const first = await openSse(`${baseUrl}/api/events`, headers);
    const ready = StreamReady.parse((await first.waitFor((m) => m.event === "stream.ready")).data);
    await first.close();

    await publishEvent(t.ctx(), {
      type: "contact.updated",
      propertyId: goa,
      payload: { contactId: 1, seq: 1 },
    });
    await publishEvent(t.ctx(), {
      type: "contact.updated",
      propertyId: pune,
      payload: { contactId: 1, seq: 2 },
    });

    const resumed = await openSse(`${baseUrl}/api/events`, {
      ...headers,
      "last-event-id": String(ready.lastEventId),
    });
    await resumed.waitFor((m) => m.event === "stream.ready");
    await publishEvent(t.ctx(), {
      type: "contact.updated",
      propertyId: goa,
      payload: { contactId: 1, seq: 3 },
    });
    await resumed.waitFor((m) => (m.data as { payload?: { seq?: number } }).payload?.seq === 3);
    await resumed.close();
    const seqs = resumed.messages
      .filter((m) => m.event === "contact.updated")
      .map((m) => RealtimeEvent.parse(m.data).payload as { seq: number });
    expect(seqs.map((p) => p.seq)).toEqual([1, 2, 3]);
  });
});

describe("shutdown", () => {
  it("ends open streams so the server can close", async () => {
    const other = await buildTestApp();
    const url = await other.app.listen({ port: 0, host: "127.0.0.1" });
    const sse = await openSse(`${url}/api/events`, await apiKeyHeaders(other, "ADMIN"));
    await sse.waitFor((m) => m.event === "stream.ready");
    await other.close();
    await vi.waitFor(() => expect(sse.endedByServer()).toBe(true));
    await sse.close();
  });
});
