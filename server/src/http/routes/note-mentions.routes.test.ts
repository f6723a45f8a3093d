import { RealtimeEvent } from "@contract/events";
import { ThreadListResponse } from "@contract/threads";
import { NoteItem } from "@contract/timeline";
import { noteMentions, staffUsers, threadNotes } from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { createProperty, uniquePhone } from "@test/factories";
import { openSse } from "@test/sse-client";
import { createTestStaff, signIn } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `@name` in a private note: the mentioned colleague is told (an event to them alone) and finds the
// thread under "Mentions"; nobody who may not see the thread can be mentioned.

let t: TestApp;
let baseUrl: string;
const goaNumber = "917000000031";
const ids = { ravi: 0, meera: 0, manager: 0, sam: 0, admin: 0 };
const headers: Record<"ravi" | "meera" | "manager" | "sam" | "admin", Record<string, string>> = {
  ravi: {},
  meera: {},
  manager: {},
  sam: {},
  admin: {},
};

beforeAll(async () => {
  t = await buildTestApp();
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  const db = t.database.db;
  const goa = await createProperty(db, { name: "Pod Goa", whatsappNumber: goaNumber });
  const blr = await createProperty(db, { name: "Pod Bengaluru", whatsappNumber: "917000000032" });
  const people = {
    ravi: await createTestStaff(t, { role: "AGENT", propertyCodes: [goa.code] }),
    meera: await createTestStaff(t, { role: "AGENT", propertyCodes: [goa.code] }),
    manager: await createTestStaff(t, { role: "MANAGER", propertyCodes: [goa.code] }),
    sam: await createTestStaff(t, { role: "AGENT", propertyCodes: [blr.code] }),
    admin: await createTestStaff(t, { role: "ADMIN", propertyCodes: [] }),
  };
  for (const [key, login] of Object.entries(people) as Array<
    [keyof typeof people, (typeof people)["ravi"]]
  >) {
    ids[key] = login.id;
    headers[key] = (await signIn(t, login)).headers;
  }
  await db.update(staffUsers).set({ name: "Ravi Kumar" }).where(eq(staffUsers.id, ids.ravi));
  await db.update(staffUsers).set({ name: "Meera Nair" }).where(eq(staffUsers.id, ids.meera));
});
afterAll(() => t.close());

async function goaThread(name: string, at = new Date()): Promise<number> {
  const { thread } = await addDemoMessage(t.ctx(), {
    phone: uniquePhone(),
    name,
    channel: "WHATSAPP",
    direction: "INBOUND",
    text: "hello",
    at,
    receivingNumber: goaNumber,
  });
  return thread.id;
}

const call = (method: "GET" | "POST", url: string, who: Record<string, string>, payload?: object) =>
  t.app.inject({ method, url, headers: who, ...(payload && { payload }) });

const note = (threadId: number, who: Record<string, string>, body: string, mentionedStaffIds?: number[]) =>
  call("POST", `/api/threads/${threadId}/notes`, who, { body, mentionedStaffIds });

const mentionsOf = async (who: Record<string, string>) => {
  const res = await call("GET", "/api/threads?mentions=true", who);
  expect(res.statusCode).toBe(200);
  return ThreadListResponse.parse(res.json()).threads.map((r) => r.id);
};

describe("mentions in notes", () => {
  it("stores the mentioned colleague and tells them alone, live", async () => {
    const threadId = await goaThread("Asha Mention");
    const meeraStream = await openSse(`${baseUrl}/api/events`, headers.meera);
    const managerStream = await openSse(`${baseUrl}/api/events`, headers.manager);
    await meeraStream.waitFor((m) => m.event === "stream.ready");
    await managerStream.waitFor((m) => m.event === "stream.ready");

    const res = await note(threadId, headers.ravi, "@Meera Nair can you call her back?", [ids.meera]);
    expect(res.statusCode).toBe(201);
    const saved = NoteItem.parse(res.json());
    expect(saved.mentions).toEqual([{ id: ids.meera, name: "Meera Nair" }]);
    const stored = await t.database.db.select().from(noteMentions).where(eq(noteMentions.noteId, saved.id));
    expect(stored.map((m) => [m.staffUserId, m.threadId, m.readAt])).toEqual([[ids.meera, threadId, null]]);

    const told = await meeraStream.waitFor((m) => m.event === "note.mentioned");
    expect(RealtimeEvent.parse(told.data)).toMatchObject({
      threadId,
      payload: {
        threadId,
        noteId: saved.id,
        by: "Ravi Kumar",
        guestName: "Asha Mention",
        propertyName: "Pod Goa",
      },
    });
    // The manager of the same property sees the note (its thread.note_added) but not Meera's mention.
    await managerStream.waitFor((m) => m.event === "thread.note_added");
    await meeraStream.close();
    await managerStream.close();
    expect(managerStream.messages.some((m) => m.event === "note.mentioned")).toBe(false);

    // Replayed after a reconnect to Meera only, too.
    const replayMeera = await openSse(`${baseUrl}/api/events?lastEventId=0`, headers.meera);
    await replayMeera.waitFor((m) => m.event === "note.mentioned");
    await replayMeera.close();
    const replayManager = await openSse(`${baseUrl}/api/events?lastEventId=0`, headers.manager);
    await replayManager.waitFor((m) => m.event === "stream.ready");
    await replayManager.close();
    expect(replayManager.messages.some((m) => m.event === "note.mentioned")).toBe(false);
  });

  it("refuses to mention someone who cannot see the thread's property, and saves nothing", async () => {
    const threadId = await goaThread("Bina Refused");
    const res = await note(threadId, headers.ravi, "@Sam have a look", [ids.sam]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
    expect(await t.database.db.select().from(threadNotes).where(eq(threadNotes.threadId, threadId))).toEqual(
      [],
    );
    // An unknown id is refused the same way; an admin (who sees every property) may be mentioned.
    expect((await note(threadId, headers.ravi, "@nobody", [999_999])).statusCode).toBe(400);
    expect((await note(threadId, headers.ravi, "@Admin", [ids.admin])).statusCode).toBe(201);
    // Staff of another property cannot add notes to (or learn of) this thread at all.
    expect((await note(threadId, headers.sam, "@Meera", [ids.meera])).statusCode).toBe(404);
    expect(await mentionsOf(headers.sam)).toEqual([]);
  });

  it("lists my mentions, unread ones first; opening the thread reads them", async () => {
    const older = await goaThread("Chitra Older", new Date(Date.now() - 60_000));
    const newer = await goaThread("Deepa Newer");
    expect((await note(older, headers.ravi, "@Meera first", [ids.meera])).statusCode).toBe(201);
    expect((await note(newer, headers.ravi, "@Meera second", [ids.meera])).statusCode).toBe(201);
    // `newer` has the latest activity, so it leads until Meera opens it.
    const before = await mentionsOf(headers.meera);
    expect(before).toEqual(expect.arrayContaining([older, newer]));
    expect(before.indexOf(newer)).toBeLessThan(before.indexOf(older));

    expect((await call("POST", `/api/threads/${newer}/read`, headers.meera)).statusCode).toBe(200);
    const after = await mentionsOf(headers.meera);
    expect(after.indexOf(older)).toBeLessThan(after.indexOf(newer));
    // Ravi mentioned, was not mentioned: not his list.
    expect(await mentionsOf(headers.ravi)).not.toContain(older);
  });

  it("needs a session: 401 without one, 400 for an API key", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/threads?mentions=true" })).statusCode).toBe(401);
    const key = await apiKeyHeaders(t, "ADMIN");
    expect((await call("GET", "/api/threads?mentions=true", key)).statusCode).toBe(400);
  });
});
