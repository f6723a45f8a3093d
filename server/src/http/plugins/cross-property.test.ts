import { labels, properties } from "@server/db/schema/index";
import { createApiKey } from "@server/domain/api-keys/create-api-key";
import { saveCannedReply } from "@server/domain/canned-replies/save-canned-reply";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { storeWebhookEvent } from "@server/domain/webhooks/store-webhook-event";
import { expectNoCrossPropertyAccess } from "@test/cross-property";
import { createBooking, createStaff } from "@test/factories";
import { createTestProperties, sessionHeaders } from "@test/staff-session";
import { apiKeyHeaders, buildTestApp, type TestApp } from "@test/test-app";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Scenario 19 over the whole route table: a member of property ALPHA aims every authenticated route at
// property BRAVO's rows. A route added later without a case here fails the walk until it gets one.
let t: TestApp;
const bravo = {
  property: 0,
  alphaProperty: 0,
  apiKey: 0,
  thread: 0,
  contact: 0,
  staff: 0,
  alphaContact: 0,
  webhookEvent: 0,
  message: 0,
  label: 0,
  cannedReply: 0,
};

beforeAll(async () => {
  t = await buildTestApp();
  const ids = await createTestProperties(t, "ALPHA", "BRAVO");
  bravo.property = ids.BRAVO ?? 0;
  bravo.alphaProperty = ids.ALPHA ?? 0;
  await t.database.db
    .update(properties)
    .set({ whatsappNumber: "917000000002" })
    .where(eq(properties.id, bravo.property));
  bravo.apiKey = (
    await createApiKey(t.ctx(), { name: "bravo-booking", role: "MANAGER", propertyCodes: ["BRAVO"] })
  ).id;
  bravo.staff = (await createStaff(t.database.db, [bravo.property], { name: "Bravo Staffer" })).id;
  const at = new Date();
  const guest = await addDemoMessage(t.ctx(), {
    phone: "919800000002",
    name: "Bravo Guest",
    channel: "WHATSAPP",
    direction: "INBOUND",
    text: "bravo-secret-text",
    at,
    receivingNumber: "917000000002",
  });
  bravo.thread = guest.thread.id;
  bravo.message = guest.message.id;
  await t.database.db
    .update(properties)
    .set({ whatsappNumber: "917000000001" })
    .where(eq(properties.id, ids.ALPHA ?? 0));
  const alphaGuest = await addDemoMessage(t.ctx(), {
    phone: "919800000001",
    channel: "SMS",
    direction: "INBOUND",
    text: "hi",
    at,
    receivingNumber: "917000000001",
  });
  bravo.alphaContact = alphaGuest.contact.id;
  bravo.contact = guest.contact.id;
  // A stored callback carrying B's guest text: the admin-only webhook-event routes must not show it.
  const stored = await storeWebhookEvent(t.ctx(), {
    provider: "gupshup",
    dedupeKey: "msg:bravo-callback",
    kind: "message",
    status: "UNPARSEABLE",
    rawBody: '{"text":"bravo-secret-text"}',
    bodyEncoding: "utf8",
    method: "POST",
    headers: {},
  });
  bravo.webhookEvent = stored.created ? stored.id : 0;
  const [label] = await t.database.db
    .insert(labels)
    .values({ propertyId: bravo.property, name: "Bravo VIP", color: "red" })
    .returning({ id: labels.id });
  bravo.label = label?.id ?? 0;
  await createBooking(t.database.db, {
    reference: "BRAVO-REF",
    propertyId: bravo.property,
    contactId: bravo.contact,
    checkIn: "2030-01-01",
    checkOut: "2030-01-02",
  });
  bravo.cannedReply = (
    await saveCannedReply(t.ctx(), {
      values: {
        propertyId: bravo.property,
        title: "bravo-secret-text",
        shortcut: "bravo",
        texts: { en: "x" },
      },
    })
  ).id;
});
afterAll(() => t.close());

const thread = (id: number) => ({ id });
const options = () => ({
  foreignParams: {},
  routeParams: {
    "DELETE /api/api-keys/:id": { id: bravo.apiKey },
    "GET /api/threads/:id": thread(bravo.thread),
    "GET /api/threads/:id/timeline": thread(bravo.thread),
    "POST /api/threads/:id/notes": thread(bravo.thread),
    "POST /api/threads/:id/assign": thread(bravo.thread),
    "GET /api/threads/:id/assignable-staff": thread(bravo.thread),
    "POST /api/threads/:id/property": thread(bravo.thread),
    "POST /api/threads/:id/status": thread(bravo.thread),
    "POST /api/threads/:id/read": thread(bravo.thread),
    "GET /api/messages/:id/media": { id: bravo.message },
    "GET /api/contacts/:id": { id: bravo.contact },
    "PATCH /api/contacts/:id": { id: bravo.contact },
    "POST /api/contacts/:id/merge": { id: bravo.contact },
    "PUT /api/bookings/:reference": { reference: "BRAVO-REF" },
    "PATCH /api/properties/:id": { id: bravo.property },
    "GET /api/properties/:id/csat": { id: bravo.property },
    "PUT /api/properties/:id/csat": { id: bravo.property },
    "GET /api/properties/:id/business-hours": { id: bravo.property },
    "PUT /api/properties/:id/business-hours": { id: bravo.property },
    "GET /api/properties/:id/auto-reply": { id: bravo.property },
    "PUT /api/properties/:id/auto-reply": { id: bravo.property },
    "GET /api/properties/:id/sla-policies": { id: bravo.property },
    "PUT /api/properties/:id/sla-policies": { id: bravo.property },
    "PATCH /api/staff/:id": { id: bravo.staff },
    "POST /api/staff/:id/password-reset": { id: bravo.staff },
    "POST /api/webhook-events/:id/replay": { id: bravo.webhookEvent },
    "POST /api/threads/:id/reply": thread(bravo.thread),
    "GET /api/messages/:id": { id: bravo.message },
    "POST /api/messages/:id/retry": { id: bravo.message },
    "POST /api/messages/:id/send-as-sms": { id: bravo.message },
    "POST /api/messages/:id/dismiss-failure": { id: bravo.message },
    "GET /api/contacts/:id/export": { id: bravo.contact },
    "POST /api/contacts/:id/erase": { id: bravo.contact },
    "POST /api/threads/:id/labels": thread(bravo.thread),
    "DELETE /api/threads/:id/labels/:labelId": { id: bravo.thread, labelId: bravo.label },
    "POST /api/threads/:id/priority": thread(bravo.thread),
    "POST /api/threads/:id/unread": thread(bravo.thread),
    "PATCH /api/labels/:id": { id: bravo.label },
    "DELETE /api/labels/:id": { id: bravo.label },
    "PATCH /api/canned-replies/:id": { id: bravo.cannedReply },
    "DELETE /api/canned-replies/:id": { id: bravo.cannedReply },
    "POST /api/canned-replies/:id/render": { id: bravo.cannedReply },
    "GET /api/threads/:id/drafts": thread(bravo.thread),
    "PUT /api/threads/:id/drafts/:channel": { id: bravo.thread, channel: "WHATSAPP" },
    "DELETE /api/threads/:id/drafts/:channel": { id: bravo.thread, channel: "WHATSAPP" },
    "POST /api/threads/:id/attachments": thread(bravo.thread),
  },
  foreignMarkers: [
    "Hotel BRAVO",
    "bravo-booking",
    "Bravo Guest",
    "bravo-secret-text",
    "Bravo Staffer",
    "Bravo VIP",
  ],
  bodies: {
    "POST /api/api-keys": { name: "mine", role: "MANAGER", propertyCodes: ["BRAVO"] },
    "POST /api/threads/:id/notes": { body: "peek" },
    "POST /api/threads/:id/reply": { channel: "SMS", message: "peek" },
    "POST /api/messages/send": {
      phone: "919800000002",
      threadId: bravo.thread,
      message: "peek",
      channel: "SMS",
    },
    "POST /api/threads/:id/assign": { staffUserId: null },
    // Pulling B's thread into the caller's own property must fail as if B's thread did not exist.
    "POST /api/threads/:id/property": { propertyId: bravo.alphaProperty },
    "POST /api/threads/:id/status": { status: "RESOLVED" },
    "PATCH /api/contacts/:id": { name: "changed" },
    "POST /api/contacts/:id/merge": { intoContactId: bravo.alphaContact },
    "POST /api/contacts/:id/erase": { confirm: "ERASE" },
    "POST /api/threads/:id/labels": { labelId: bravo.label },
    "POST /api/threads/:id/priority": { priority: "high" },
    "POST /api/labels": { propertyId: bravo.property, name: "Mine", color: "red" },
    "PATCH /api/labels/:id": { name: "renamed" },
    "PUT /api/bookings/:reference": { propertyCode: "ALPHA", checkIn: "2030-01-01", checkOut: "2030-01-03" },
    "PATCH /api/properties/:id": { name: "mine now" },
    "PUT /api/properties/:id/csat": {
      enabled: true,
      delayMinutes: 0,
      templateName: null,
      surveyText: "mine",
    },
    "PUT /api/properties/:id/business-hours": {
      enabled: true,
      weekly: [[], [], [], [], [], [], []],
      closures: [],
    },
    "PUT /api/properties/:id/auto-reply": {
      outOfHoursEnabled: false,
      outOfHoursText: "",
      outOfHoursTemplateName: null,
      outOfHoursTemplateParams: [],
      minIntervalMinutes: 60,
      greetingEnabled: false,
      greetingText: "",
    },
    "PUT /api/properties/:id/sla-policies": { policies: [] },
    "PATCH /api/staff/:id": { isActive: false },
    "POST /api/canned-replies": {
      propertyId: bravo.property,
      title: "mine",
      shortcut: "mine",
      texts: { en: "x" },
    },
    "PATCH /api/canned-replies/:id": { title: "mine now" },
    "POST /api/canned-replies/:id/render": { threadId: bravo.thread },
    "PUT /api/threads/:id/drafts/:channel": { text: "peek" },
    "POST /api/properties": { code: "NEWP", name: "New" },
    "POST /api/staff": { email: "x@example.com", name: "X", role: "AGENT", propertyIds: [bravo.property] },
    "POST /api/conversations": { propertyId: bravo.property, channel: "WHATSAPP", phone: "919800000099" },
    "POST /api/calls": {
      phone: "919800000002",
      direction: "INBOUND",
      status: "MISSED",
      startedAt: new Date().toISOString(),
    },
    "POST /api/emails": {
      from: "bravo.guest@guest.example",
      to: "desk@alpha.example",
      direction: "INBOUND",
      sentAt: new Date().toISOString(),
    },
  },
  exempt: {
    "POST /api/auth/logout": "acts on the caller's own session only",
    "POST /api/auth/password": "changes the caller's own password only",
    "POST /api/templates/sync": "account-wide templates, admins only; no property data",
    "PATCH /api/me/notification-settings": "changes the caller's own notification settings only",
    "POST /api/threads/bulk":
      "answers 200 with a result per thread; another property's thread is reported NOT_FOUND and left alone (threads-bulk.routes.test.ts)",
  },
});

describe("cross-property access", () => {
  it("a property-A agent (session) reaches nothing of property B", async () => {
    const results = await expectNoCrossPropertyAccess(t, {
      headers: await sessionHeaders(t, "AGENT", ["ALPHA"]),
      ...options(),
    });
    expect(results.map((r) => r.route)).toEqual(
      expect.arrayContaining(["DELETE /api/api-keys/:id", "GET /api/threads/:id", "POST /api/calls"]),
    );
  });

  it("a property-A manager key reaches nothing of property B", async () => {
    await expectNoCrossPropertyAccess(t, {
      headers: await apiKeyHeaders(t, "MANAGER", ["ALPHA"]),
      ...options(),
    });
  });

  it("fails loudly for a route it cannot aim at the other property", async () => {
    await expect(
      expectNoCrossPropertyAccess(t, {
        headers: await apiKeyHeaders(t, "AGENT", ["ALPHA"]),
        foreignParams: {},
        foreignMarkers: [],
      }),
    ).rejects.toThrow(/routes without a cross-property case/);
  });
});
