import type { AutoReplyBody, BusinessHoursBody } from "@contract/business-hours";
import type { Ctx } from "@server/context";
import { contacts, jobs, messageLogs, templates, threads } from "@server/db/schema/index";
import { recordInboundMessage } from "@server/domain/messages/record-inbound-message";
import { createProperty, uniquePhone } from "@test/factories";
import { createTestHarness, type TestHarness } from "@test/test-app";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEND_AUTO_REPLIES_QUEUE } from "./enqueue-auto-replies";
import { getBusinessHours } from "./get-business-hours";
import { saveAutoReplySettings } from "./save-auto-reply-settings";
import { saveBusinessHours } from "./save-business-hours";
import { sendAutoReplies } from "./send-auto-replies";

let t: TestHarness;
const MINUTE = 60_000;
const base = new Date("2026-03-07T12:00:00Z");
const at = (minutes: number): Ctx => {
  const now = new Date(base.getTime() + minutes * MINUTE);
  return { ...t.ctx(), now: () => now };
};

const closedAllWeek: BusinessHoursBody = {
  enabled: true,
  weekly: [[], [], [], [], [], [], []],
  closures: [],
};
const openAllWeek: BusinessHoursBody = {
  enabled: true,
  weekly: Array.from({ length: 7 }, () => [{ open: "00:00", close: "24:00" }]),
  closures: [],
};
const replies: AutoReplyBody = {
  outOfHoursEnabled: true,
  outOfHoursText: "The front desk is closed; we will answer at 9 am.",
  outOfHoursTemplateName: "desk_closed",
  outOfHoursTemplateParams: ["Goa"],
  minIntervalMinutes: 60,
  greetingEnabled: false,
  greetingText: "",
};

let seq = 0;
async function setUpProperty(hours: BusinessHoursBody | null, autoReply: AutoReplyBody | null) {
  const whatsappNumber = `9170000009${String(++seq).padStart(2, "0")}`;
  const property = await createProperty(t.database.db, { whatsappNumber, timezone: "Asia/Kolkata" });
  if (hours) await saveBusinessHours(t.ctx(), { propertyId: property.id, values: hours });
  if (autoReply) await saveAutoReplySettings(t.ctx(), { propertyId: property.id, values: autoReply });
  return { id: property.id, whatsappNumber };
}

/** A guest's WhatsApp message recorded at minute `minutes`, then the queued automatic-reply job run. */
async function guestWrites(
  property: { whatsappNumber: string },
  phone: string,
  minutes: number,
  options: { text?: string; sentMinutesAgo?: number } = {},
) {
  const ctx = at(minutes);
  const recorded = await recordInboundMessage(ctx, {
    event: {
      kind: "message",
      channel: "WHATSAPP",
      providerMessageId: `wamid.auto.${++seq}`,
      from: phone,
      to: property.whatsappNumber,
      timestamp: new Date(ctx.now().getTime() - (options.sentMinutesAgo ?? 0) * MINUTE),
      content: { type: "text", text: options.text ?? "Is anyone there?" },
    },
  });
  if (recorded.outcome !== "recorded") throw new Error("not recorded");
  const queued = await t.database.db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.queue, SEND_AUTO_REPLIES_QUEUE),
        sql`${jobs.payload} ->> 'messageId' = ${String(recorded.message.id)}`,
      ),
    );
  const outcome = queued.length ? await sendAutoReplies(ctx, { messageId: recorded.message.id }) : undefined;
  return {
    threadId: recorded.threadId,
    contactId: recorded.contactId,
    messageId: recorded.message.id,
    outcome,
  };
}

const outbound = (threadId: number) =>
  t.database.db
    .select()
    .from(messageLogs)
    .where(and(eq(messageLogs.threadId, threadId), eq(messageLogs.direction, "OUTBOUND")))
    .orderBy(messageLogs.id);

beforeAll(async () => {
  t = await createTestHarness();
  await t.database.db.insert(templates).values({
    providerTemplateId: "tpl-desk-closed",
    name: "desk_closed",
    body: "Hello from {{1}}: the desk is closed, we will write back when it opens.",
    paramCount: 1,
    status: "APPROVED",
  });
});
afterAll(() => t.close());

describe(sendAutoReplies.name, () => {
  it("answers out of hours once per conversation per interval, as the hub, without counting as a response", async () => {
    const property = await setUpProperty(closedAllWeek, replies);
    const phone = uniquePhone();
    const first = await guestWrites(property, phone, 0);
    expect(first.outcome).toEqual({ greeting: "off", outOfHours: "sent" });
    const [reply] = await outbound(first.threadId);
    expect(reply).toMatchObject({
      message: replies.outOfHoursText,
      templateId: null,
      senderStaffId: null,
      senderApiKeyId: null,
      sendState: "QUEUED",
    });
    const [thread] = await t.database.db.select().from(threads).where(eq(threads.id, first.threadId));
    expect(thread?.firstResponseAt).toBeNull();

    expect((await guestWrites(property, phone, 30)).outcome?.outOfHours).toBe("too_soon");
    expect(await sendAutoReplies(at(31), { messageId: first.messageId })).toEqual({
      greeting: "already_handled",
      outOfHours: "already_handled",
    });
    expect(await outbound(first.threadId)).toHaveLength(1);

    expect((await guestWrites(property, phone, 61)).outcome?.outOfHours).toBe("sent");
    expect(await outbound(first.threadId)).toHaveLength(2);
  });

  it("stays quiet while the property is open, and queues nothing where automatic replies are off", async () => {
    const open = await setUpProperty(openAllWeek, replies);
    const whileOpen = await guestWrites(open, uniquePhone(), 0);
    expect(whileOpen.outcome).toEqual({ greeting: "off", outOfHours: "open" });
    expect(await outbound(whileOpen.threadId)).toHaveLength(0);

    const noReplies = await setUpProperty(closedAllWeek, null);
    const quiet = await guestWrites(noReplies, uniquePhone(), 0);
    expect(quiet.outcome).toBeUndefined();
    expect(await outbound(quiet.threadId)).toHaveLength(0);
  });

  it("sends the approved template when the WhatsApp window has closed, and nothing when none is configured", async () => {
    const property = await setUpProperty(closedAllWeek, replies);
    // The provider delivered, 25 hours late, a message the guest sent long ago: the window is closed.
    const late = await guestWrites(property, uniquePhone(), 0, { sentMinutesAgo: 25 * 60 });
    expect(late.outcome?.outOfHours).toBe("sent");
    const [reply] = await outbound(late.threadId);
    expect(reply).toMatchObject({ templateId: "tpl-desk-closed", templateParams: ["Goa"] });
    expect(reply?.message).toBe("Hello from Goa: the desk is closed, we will write back when it opens.");

    const withoutTemplate = await setUpProperty(closedAllWeek, { ...replies, outOfHoursTemplateName: null });
    const skipped = await guestWrites(withoutTemplate, uniquePhone(), 0, { sentMinutesAgo: 25 * 60 });
    expect(skipped.outcome?.outOfHours).toBe("no_template");
    expect(await outbound(skipped.threadId)).toHaveLength(0);
  });

  it("never writes to a guest who opted out", async () => {
    const property = await setUpProperty(closedAllWeek, {
      ...replies,
      greetingEnabled: true,
      greetingText: "Welcome!",
    });
    const phone = uniquePhone();
    await t.database.db.insert(contacts).values({ phone, whatsappOptedOut: true, whatsappOptedOutAt: base });
    const optedOut = await guestWrites(property, phone, 0);
    expect(optedOut.outcome).toEqual({ greeting: "opted_out", outOfHours: "opted_out" });
    expect(await outbound(optedOut.threadId)).toHaveLength(0);
  });

  it("greets a guest on their first message ever, only once", async () => {
    const property = await setUpProperty(openAllWeek, {
      ...replies,
      greetingEnabled: true,
      greetingText: "Welcome to the Goa hotel! How can we help?",
    });
    const phone = uniquePhone();
    const first = await guestWrites(property, phone, 0);
    expect(first.outcome).toEqual({ greeting: "sent", outOfHours: "open" });
    expect((await outbound(first.threadId)).map((m) => m.message)).toEqual([
      "Welcome to the Goa hotel! How can we help?",
    ]);
    // Days later, in a new conversation: no second greeting.
    await t.database.db.update(threads).set({ status: "RESOLVED" }).where(eq(threads.id, first.threadId));
    const again = await guestWrites(property, phone, 3 * 24 * 60);
    expect(again.outcome?.greeting).toBe("not_first_message");
    expect(await outbound(again.threadId)).toHaveLength(again.threadId === first.threadId ? 1 : 0);
  });
});

describe(getBusinessHours.name, () => {
  it("reads the hours in the property's time zone, null when switched off or never set", async () => {
    const never = await setUpProperty(null, null);
    expect(await getBusinessHours(t.database.db, never.id)).toBeNull();
    const closed = await setUpProperty(closedAllWeek, null);
    expect(await getBusinessHours(t.database.db, closed.id)).toEqual({
      timeZone: "Asia/Kolkata",
      weekly: closedAllWeek.weekly,
      closures: [],
    });
    await saveBusinessHours(t.ctx(), { propertyId: closed.id, values: { ...closedAllWeek, enabled: false } });
    expect(await getBusinessHours(t.database.db, closed.id)).toBeNull();
  });
});
