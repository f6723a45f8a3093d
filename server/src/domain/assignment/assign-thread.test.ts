import type { Actor } from "@server/context";
import { auditLogs, threadEvents } from "@server/db/schema/index";
import { linkThread } from "@server/domain/threads/link-thread";
import { listThreads } from "@server/domain/threads/list-threads";
import { createProperty, createStaff, uniquePhone } from "@test/factories";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignThread } from "./assign-thread";

let t: TestHarness;
let propertyId: number;
let agent: Actor;
let agentId: number;
let otherId: number;
beforeAll(async () => {
  t = await createTestHarness();
  propertyId = (await createProperty(t.database.db, { isDefault: true })).id;
  agentId = (await createStaff(t.database.db, [propertyId])).id;
  otherId = (await createStaff(t.database.db, [propertyId])).id;
  agent = { type: "staff", staffUserId: agentId, role: "AGENT", propertyIds: [propertyId] };
});
afterAll(() => t.close());

const newThread = async () =>
  (
    await linkThread(t.ctx(), {
      channel: "WHATSAPP",
      direction: "INBOUND",
      at: new Date(),
      phone: uniquePhone(),
    })
  ).thread;

describe(assignThread.name, () => {
  it("lets an agent take a thread, hand it to a colleague and give up only their own", async () => {
    const thread = await newThread();
    expect((await assignThread(t.ctx(agent), { threadId: thread.id, staffUserId: agentId })).assigneeId).toBe(
      agentId,
    );
    expect((await assignThread(t.ctx(agent), { threadId: thread.id, staffUserId: otherId })).assigneeId).toBe(
      otherId,
    );
    await expect(
      assignThread(t.ctx(agent), { threadId: thread.id, staffUserId: null }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("only unassign their own"),
    });
    await assignThread(t.ctx(agent), { threadId: thread.id, staffUserId: agentId });
    expect(
      (await assignThread(t.ctx(agent), { threadId: thread.id, staffUserId: null })).assigneeId,
    ).toBeNull();
    const key: Actor = { type: "apiKey", apiKeyId: 1, role: "AGENT", propertyIds: [propertyId] };
    await expect(assignThread(t.ctx(key), { threadId: thread.id, staffUserId: null })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("records assign, transfer and unassign on the timeline and in the audit log", async () => {
    const thread = await newThread();
    const manager: Actor = {
      type: "staff",
      staffUserId: otherId,
      role: "MANAGER",
      propertyIds: [propertyId],
    };
    for (const to of [agentId, otherId, null])
      await assignThread(t.ctx(manager), { threadId: thread.id, staffUserId: to });
    const events = await t.database.db
      .select()
      .from(threadEvents)
      .where(eq(threadEvents.threadId, thread.id));
    expect(events.filter((e) => e.actorType === "STAFF").map((e) => [e.type, e.actorId])).toEqual([
      ["assigned", otherId],
      ["transferred", otherId],
      ["unassigned", otherId],
    ]);
    const audit = await t.database.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.targetId, String(thread.id)));
    expect(audit.map((a) => a.action)).toEqual([
      "thread.assigned",
      "thread.transferred",
      "thread.unassigned",
    ]);
  });

  it("lists a staff member's own threads with assignee=me", async () => {
    const mine = await newThread();
    await assignThread(t.ctx(agent), { threadId: mine.id, staffUserId: agentId });
    const { rows } = await listThreads(t.ctx(agent), { assignee: "me", limit: 25 });
    expect(rows.map((r) => r.thread.id)).toEqual([mine.id]);
  });
});
