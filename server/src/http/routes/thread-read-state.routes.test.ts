import { NotificationSettingsResponse } from "@contract/staff-preferences";
import { ThreadListResponse, ThreadResponse, UnreadSummaryResponse } from "@contract/threads";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { createProperty } from "@test/factories";
import { createTestStaff, type SignedIn, signIn } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let ravi: SignedIn["headers"];
let meera: SignedIn["headers"];
let raviId: number;
let threadId: number;
let otherThreadId: number;
const t0 = new Date(Date.now() - 60 * 60_000);
const at = (m: number) => new Date(t0.getTime() + m * 60_000);

const guestWrites = (phone: string, m: number, text: string) =>
  addDemoMessage(t.ctx(), { phone, channel: "WHATSAPP", direction: "INBOUND", text, at: at(m) });

beforeAll(async () => {
  t = await buildTestApp();
  await createProperty(t.database.db, { code: "GOA", isDefault: true, whatsappNumber: "917000000001" });
  const raviStaff = await createTestStaff(t, { propertyCodes: ["GOA"] });
  raviId = raviStaff.id;
  ravi = (await signIn(t, raviStaff)).headers;
  meera = (await signIn(t, await createTestStaff(t, { propertyCodes: ["GOA"] }))).headers;
  threadId = (await guestWrites("919800000011", 1, "Is breakfast included?")).thread.id;
  await guestWrites("919800000011", 2, "And parking?");
  otherThreadId = (await guestWrites("919800000012", 3, "Late checkout?")).thread.id;
});
afterAll(() => t.close());

async function inject(method: "GET" | "POST" | "PATCH", url: string, headers: object, payload?: object) {
  return t.app.inject({ method, url, headers: headers as Record<string, string>, payload });
}
async function unreadOf(headers: object, id: number): Promise<number | undefined> {
  const res = await inject("GET", "/api/threads", headers);
  expect(res.statusCode, res.body).toBe(200);
  return ThreadListResponse.parse(res.json()).threads.find((r) => r.id === id)?.unreadCount;
}
async function unreadOnly(headers: object): Promise<number[]> {
  const res = await inject("GET", "/api/threads?unread=true", headers);
  return ThreadListResponse.parse(res.json()).threads.map((r) => r.id);
}
async function titleCount(headers: object): Promise<number> {
  const res = await inject("GET", "/api/threads/unread-summary", headers);
  expect(res.statusCode, res.body).toBe(200);
  return UnreadSummaryResponse.parse(res.json()).unreadThreads;
}

describe("read state per staff member", () => {
  it("reading a thread clears it for the reader only; each person's unread filter and count are their own", async () => {
    expect(await unreadOf(ravi, threadId)).toBe(2);
    expect(await unreadOf(meera, threadId)).toBe(2);
    expect(await titleCount(ravi)).toBe(2);

    const read = await inject("POST", `/api/threads/${threadId}/read`, ravi);
    expect(read.statusCode, read.body).toBe(200);
    expect(ThreadResponse.parse(read.json()).thread.unreadCount).toBe(0);

    expect(await unreadOf(ravi, threadId)).toBe(0);
    expect(await unreadOf(meera, threadId)).toBe(2);
    expect(await unreadOnly(ravi)).toEqual([otherThreadId]);
    expect(await unreadOnly(meera)).toEqual([otherThreadId, threadId]);
    expect(await titleCount(ravi)).toBe(1);
    expect(await titleCount(meera)).toBe(2);

    // A new guest message counts from where each person stopped reading.
    await guestWrites("919800000011", 4, "Also, a late checkout?");
    expect(await unreadOf(ravi, threadId)).toBe(1);
    expect(await unreadOf(meera, threadId)).toBe(3);
  });

  it("mark as unread shows at least one unread for that person only, until read again", async () => {
    await inject("POST", `/api/threads/${otherThreadId}/read`, ravi);
    await inject("POST", `/api/threads/${otherThreadId}/read`, meera);
    expect(await unreadOf(meera, otherThreadId)).toBe(0);

    const marked = await inject("POST", `/api/threads/${otherThreadId}/unread`, meera);
    expect(marked.statusCode, marked.body).toBe(200);
    expect(ThreadResponse.parse(marked.json()).thread.unreadCount).toBe(1);
    expect(await unreadOf(meera, otherThreadId)).toBe(1);
    expect(await unreadOnly(meera)).toContain(otherThreadId);
    expect(await unreadOf(ravi, otherThreadId)).toBe(0);
    expect(await unreadOnly(ravi)).not.toContain(otherThreadId);

    await inject("POST", `/api/threads/${otherThreadId}/read`, meera);
    expect(await unreadOf(meera, otherThreadId)).toBe(0);
  });

  it("the title count covers my threads and unassigned ones, not a colleague's", async () => {
    const admin = await apiKeyHeaders(t, "ADMIN");
    const fresh = (await guestWrites("919800000013", 5, "Hello?")).thread.id;
    const before = await titleCount(ravi);
    const assigned = await inject("POST", `/api/threads/${fresh}/assign`, admin, { staffUserId: raviId });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(await titleCount(ravi)).toBe(before);
    expect(await titleCount(meera)).toBe(before - 1);
  });

  it("an API key sees the assignee's unread; per-person routes refuse keys and strangers", async () => {
    const admin = await apiKeyHeaders(t, "ADMIN");
    const fresh = (await guestWrites("919800000014", 6, "Pool hours?")).thread.id;
    await inject("POST", `/api/threads/${fresh}/assign`, admin, { staffUserId: raviId });
    expect(await unreadOf(admin, fresh)).toBe(1);
    await inject("POST", `/api/threads/${fresh}/read`, meera);
    expect(await unreadOf(admin, fresh)).toBe(1);
    await inject("POST", `/api/threads/${fresh}/read`, ravi);
    expect(await unreadOf(admin, fresh)).toBe(0);
    // A key reading (as before per-person state) reads for the assignee, nobody else.
    await guestWrites("919800000014", 7, "Thanks");
    expect(await unreadOf(ravi, fresh)).toBe(1);
    await inject("POST", `/api/threads/${fresh}/read`, admin);
    expect(await unreadOf(ravi, fresh)).toBe(0);
    expect(await unreadOf(admin, fresh)).toBe(0);
    expect(await unreadOf(meera, fresh)).toBe(1);

    const keyUnread = await inject("POST", `/api/threads/${fresh}/unread`, admin);
    expect(keyUnread.statusCode).toBe(400);
    expect(keyUnread.json().error.code).toBe("VALIDATION_FAILED");
    expect((await inject("GET", "/api/threads/unread-summary", admin)).statusCode).toBe(400);
    expect((await inject("POST", `/api/threads/${fresh}/unread`, {})).statusCode).toBe(401);

    await createProperty(t.database.db, { code: "PUNE", whatsappNumber: "917000000002" });
    const outsider = (await signIn(t, await createTestStaff(t, { propertyCodes: ["PUNE"] }))).headers;
    const hidden = await inject("POST", `/api/threads/${fresh}/unread`, outsider);
    expect(hidden.statusCode).toBe(404);
    expect(await titleCount(outsider)).toBe(0);
  });
});

describe("notification settings", () => {
  it("are off until the person opts in, stored per person, and validated", async () => {
    const get = async (h: object) =>
      NotificationSettingsResponse.parse((await inject("GET", "/api/me/notification-settings", h)).json())
        .settings;
    expect(await get(ravi)).toEqual({ desktop: false, showBody: false, sound: false });
    const saved = await inject("PATCH", "/api/me/notification-settings", ravi, {
      desktop: true,
      sound: true,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await get(ravi)).toEqual({ desktop: true, showBody: false, sound: true });
    expect(await get(meera)).toEqual({ desktop: false, showBody: false, sound: false });

    const bad = await inject("PATCH", "/api/me/notification-settings", ravi, { desktop: "yes" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("VALIDATION_FAILED");
    const unknown = await inject("PATCH", "/api/me/notification-settings", ravi, { admin: true });
    expect(unknown.statusCode).toBe(400);
    expect((await inject("GET", "/api/me/notification-settings", {})).statusCode).toBe(401);
  });
});
