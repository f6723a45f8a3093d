import { csatSurveys, messageLogs, threadEvents, threads } from "@server/db/schema/index";
import { type OutboundHarness, startOutboundHarness } from "@test/outbound-harness";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendCsatSurvey } from "./send-csat-survey";

// The CSAT survey end to end: the real app and worker, the Gupshup simulator over HTTP behind the real
// adapters, guests answering through the simulator's control API.

let h: OutboundHarness;
let propertyId: number;
let propertyTimezone: string;
let phoneSeq = 0;
const nextPhone = () => `9198700${String(++phoneSeq).padStart(5, "0")}`;

beforeAll(async () => {
  h = await startOutboundHarness();
  const created = await h.api("POST", "/api/properties", {
    code: "CSAT",
    name: "Hotel Csat",
    isDefault: true,
  });
  propertyId = created.body.property.id;
  propertyTimezone = created.body.property.timezone;
  await fetch(`${h.simulator.url}/simulator/templates`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      templates: [
        ...h.simulator.state.templates,
        {
          id: "5f0c1f1e-0000-4000-8000-00000000c5a7",
          elementName: "csat_request",
          data: "Hi {{1}}, how was your stay? Reply 1 (poor) to 5 (excellent).",
        },
      ],
    }),
  });
  expect((await h.api("POST", "/api/templates/sync")).status).toBe(200);
}, 60_000);
afterAll(() => h.close());

const db = () => h.t.database.db;

async function configure(values: { delayMinutes?: number; templateName?: string | null } = {}) {
  const res = await h.api("PUT", `/api/properties/${propertyId}/csat`, {
    enabled: true,
    delayMinutes: values.delayMinutes ?? 0,
    templateName: values.templateName ?? null,
    surveyText: "How would you rate your stay?",
  });
  expect(res.status).toBe(200);
}

async function simulator(path: string, body: object) {
  const res = await fetch(`${h.simulator.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function guestSms(phone: string, text: string) {
  await simulator("/simulator/inbound", { from: phone, text, channel: "SMS" });
  await h.waitFor(async () => (await inboundTexts(phone)).includes(text));
}

async function inboundTexts(phone: string) {
  const rows = await db().select().from(messageLogs).where(eq(messageLogs.phone, phone));
  return rows.filter((r) => r.direction === "INBOUND").map((r) => r.message);
}

async function threadOf(phone: string) {
  const [row] = await db()
    .select({ threadId: messageLogs.threadId })
    .from(messageLogs)
    .where(eq(messageLogs.phone, phone));
  if (!row?.threadId) throw new Error("no thread");
  return row.threadId;
}

const setStatus = (threadId: number, status: string) =>
  h.api("POST", `/api/threads/${threadId}/status`, { status });

async function surveysOf(threadId: number) {
  return db().select().from(csatSurveys).where(eq(csatSurveys.threadId, threadId));
}

async function settledSurvey(threadId: number) {
  await h.waitFor(async () => (await surveysOf(threadId)).some((s) => s.status !== "SCHEDULED"));
  const [survey] = await surveysOf(threadId);
  if (!survey) throw new Error("no survey");
  return survey;
}

async function eventsOf(threadId: number, type: string) {
  return db()
    .select()
    .from(threadEvents)
    .where(and(eq(threadEvents.threadId, threadId), eq(threadEvents.type, type)));
}

async function threadRow(threadId: number) {
  const [row] = await db().select().from(threads).where(eq(threads.id, threadId));
  if (!row) throw new Error("no thread");
  return row;
}

describe("CSAT survey", () => {
  it("inside the WhatsApp window sends a 1–5 list; the guest's tap and next message become rating and comment, the thread stays resolved", async () => {
    await configure();
    const phone = nextPhone();
    await h.guestWrites(phone, "Thanks for the late checkout");
    const threadId = await threadOf(phone);
    expect((await setStatus(threadId, "RESOLVED")).status).toBe(200);
    const survey = await settledSurvey(threadId);
    expect(survey).toMatchObject({ status: "SENT", channel: "WHATSAPP", kind: "interactive" });
    await h.waitFor(() => h.sendsTo(phone).length === 1);
    const [sent] = h.sendsTo(phone);
    const list = JSON.parse(sent?.fields.message ?? "{}");
    expect(list).toMatchObject({ type: "list", body: "How would you rate your stay?" });
    expect(list.items[0].options.map((o: { postbackText: string }) => o.postbackText)).toEqual([
      "csat-5",
      "csat-4",
      "csat-3",
      "csat-2",
      "csat-1",
    ]);

    await simulator("/simulator/inbound", {
      from: phone,
      choice: { messageId: sent?.messageId, title: "4 - Good" },
    });
    await h.waitFor(async () => (await surveysOf(threadId))[0]?.status === "ANSWERED");
    await h.guestWrites(phone, "Lovely staff, slow wifi");
    await h.waitFor(async () => (await surveysOf(threadId))[0]?.comment !== null);

    expect((await surveysOf(threadId))[0]).toMatchObject({ rating: 4, comment: "Lovely staff, slow wifi" });
    expect(await threadRow(threadId)).toMatchObject({ status: "RESOLVED" });
    const all = await db()
      .select()
      .from(threads)
      .where(eq(threads.contactId, (await threadRow(threadId)).contactId));
    expect(all).toHaveLength(1);
    const [rated] = await eventsOf(threadId, "csat_rated");
    expect(rated?.data).toMatchObject({ rating: 4, comment: "Lovely staff, slow wifi" });
    const timeline = await h.api("GET", `/api/threads/${threadId}/timeline`);
    const kinds = timeline.body.items.map((i: { kind: string; type?: string }) => i.type ?? i.kind);
    expect(kinds).toEqual(expect.arrayContaining(["csat_survey_sent", "csat_rated"]));

    // Reports count days in the property's time zone (Asia/Kolkata, UTC+5:30): from 18:30 UTC on, its
    // today is the UTC date's tomorrow.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: propertyTimezone }).format(new Date());
    const report = await h.api("GET", `/api/reports/csat?from=${today}&to=${today}&propertyId=${propertyId}`);
    expect(report.body.rows[0]).toMatchObject({ sent: 1, responses: 1, average: 4, rated4: 1 });

    // A later "5" is an ordinary message now: the survey was answered, so it reopens the thread.
    await h.guestWrites(phone, "5");
    expect((await threadRow(threadId)).status).toBe("OPEN");
    expect((await surveysOf(threadId))[0]?.rating).toBe(4);
  });

  it("outside the window sends the configured template; without one it skips and says why", async () => {
    await configure({ templateName: "csat_request" });
    const phone = nextPhone();
    await h.guestWrites(phone, "Checking out now");
    const threadId = await threadOf(phone);
    const twoDaysAgo = new Date(Date.now() - 48 * 3600_000);
    await db().update(threads).set({ lastWhatsappInboundAt: twoDaysAgo }).where(eq(threads.id, threadId));
    await setStatus(threadId, "RESOLVED");
    expect(await settledSurvey(threadId)).toMatchObject({ status: "SENT", kind: "template" });
    await h.waitFor(() => h.sendsTo(phone).some((r) => r.kind === "template"));
    const template = JSON.parse(h.sendsTo(phone).find((r) => r.kind === "template")?.fields.template ?? "{}");
    expect(template).toEqual({ id: "5f0c1f1e-0000-4000-8000-00000000c5a7", params: ["Guest"] });

    await configure({ templateName: null });
    const other = nextPhone();
    await h.guestWrites(other, "Bye");
    const otherThread = await threadOf(other);
    await db().update(threads).set({ lastWhatsappInboundAt: twoDaysAgo }).where(eq(threads.id, otherThread));
    await setStatus(otherThread, "RESOLVED");
    expect(await settledSurvey(otherThread)).toMatchObject({ status: "SKIPPED", skipReason: "no_template" });
    expect((await eventsOf(otherThread, "csat_survey_skipped"))[0]?.data).toMatchObject({
      reason: "no_template",
    });
    expect(h.sendsTo(other)).toHaveLength(0);
  });

  it("by SMS asks to reply 1–5 and records a bare 4 as the rating", async () => {
    await configure();
    const phone = nextPhone();
    await guestSms(phone, "Is the pool open?");
    const threadId = await threadOf(phone);
    await setStatus(threadId, "RESOLVED");
    expect(await settledSurvey(threadId)).toMatchObject({ status: "SENT", channel: "SMS", kind: "sms" });
    await h.waitFor(() => h.sendsTo(phone).some((r) => r.kind === "sms"));
    expect(JSON.stringify(h.sendsTo(phone)[0]?.fields)).toContain(
      "Reply with a number from 1 (poor) to 5 (excellent).",
    );
    await guestSms(phone, " 4 ");
    expect((await surveysOf(threadId))[0]).toMatchObject({ status: "ANSWERED", rating: 4 });
    expect((await threadRow(threadId)).status).toBe("RESOLVED");
  });

  it("sends nothing when the thread reopened (or was resolved again) before the delay ran out", async () => {
    await configure({ delayMinutes: 60 });
    const phone = nextPhone();
    await h.guestWrites(phone, "One more thing");
    const threadId = await threadOf(phone);
    await setStatus(threadId, "RESOLVED");
    await setStatus(threadId, "OPEN");
    await setStatus(threadId, "RESOLVED");
    const [first, second] = (await surveysOf(threadId)).sort((a, b) => a.id - b.id);
    expect(first && second).toBeTruthy();
    // The delayed jobs are an hour away; run the first one now, as the worker would then.
    expect(await sendCsatSurvey(h.t.ctx(), { surveyId: first?.id ?? 0 })).toEqual({
      outcome: "skipped",
      reason: "reopened",
    });
    await setStatus(threadId, "OPEN");
    expect(await sendCsatSurvey(h.t.ctx(), { surveyId: second?.id ?? 0 })).toEqual({
      outcome: "skipped",
      reason: "reopened",
    });
    expect(h.sendsTo(phone)).toHaveLength(0);
  });

  it("sends nothing to a guest who opted out", async () => {
    await configure();
    const phone = nextPhone();
    await h.guestWrites(phone, "Thanks");
    const threadId = await threadOf(phone);
    await simulator("/simulator/user-event", { phone, type: "opted-out" });
    await h.waitFor(async () => {
      const contact = await h.api("GET", `/api/threads/${threadId}`);
      return JSON.stringify(contact.body).includes('"whatsappOptedOut":true');
    });
    await setStatus(threadId, "RESOLVED");
    expect(await settledSurvey(threadId)).toMatchObject({ status: "SKIPPED", skipReason: "opted_out" });
    expect(h.sendsTo(phone)).toHaveLength(0);
  });

  it("sends at most one survey per resolution, however often it is resolved or its job runs", async () => {
    await configure();
    const phone = nextPhone();
    await h.guestWrites(phone, "All good");
    const threadId = await threadOf(phone);
    expect(
      (await h.api("POST", "/api/threads/bulk", { threadIds: [threadId], action: "resolve" })).status,
    ).toBeLessThan(300);
    await setStatus(threadId, "RESOLVED");
    await setStatus(threadId, "RESOLVED");
    const survey = await settledSurvey(threadId);
    expect(await sendCsatSurvey(h.t.ctx(), { surveyId: survey.id })).toEqual({ outcome: "done" });
    expect(await surveysOf(threadId)).toHaveLength(1);
    await h.waitFor(() => h.sendsTo(phone).length >= 1);
    expect(h.sendsTo(phone)).toHaveLength(1);
  });

  it("takes a bare digit typed on WhatsApp as the rating; erasing the guest erases the comment", async () => {
    await configure();
    const phone = nextPhone();
    await h.guestWrites(phone, "Can I get a receipt?");
    const threadId = await threadOf(phone);
    await setStatus(threadId, "RESOLVED");
    expect(await settledSurvey(threadId)).toMatchObject({ status: "SENT", kind: "interactive" });
    await h.guestWrites(phone, "5");
    await h.guestWrites(phone, "Receipt came quickly");
    expect((await surveysOf(threadId))[0]).toMatchObject({ rating: 5, comment: "Receipt came quickly" });
    expect((await threadRow(threadId)).status).toBe("RESOLVED");

    const contactId = (await threadRow(threadId)).contactId;
    expect((await h.api("POST", `/api/contacts/${contactId}/erase`, { confirm: "ERASE" })).status).toBe(200);
    expect((await surveysOf(threadId))[0]).toMatchObject({ rating: 5, comment: null });
    expect((await eventsOf(threadId, "csat_rated"))[0]?.data).toEqual({
      surveyId: expect.any(Number),
      rating: 5,
    });
  });
});
