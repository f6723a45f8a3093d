import http from "node:http";
import type { AddressInfo } from "node:net";
import { queryRows } from "@server/db/query-rows";
import {
  auditLogs,
  contacts,
  messageLogs,
  outboundUploads,
  properties,
  threads,
} from "@server/db/schema/index";
import { addDemoMessage } from "@server/domain/demo/add-demo-message";
import { readGuestMedia } from "@server/domain/privacy/guest-media";
import { createBooking } from "@test/factories";
import { createTestProperties, sessionHeaders } from "@test/staff-session";
import { apiKeyHeaders } from "@test/test-app";
import { buildWebhookTestApp, type WebhookTestApp } from "@test/webhook-harness";
import { eq, sql } from "drizzle-orm";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// One guest reaches the hotel every way the hub knows (WhatsApp text and photo through the real webhook,
// an outbound reply with its delivery status, a call, an email, a note, a booking, an opt-out), then an
// admin exports and erases them. A second guest in the same property must come through untouched.
const GUEST = {
  phone: "919812340021",
  name: "Zebedee Quillfeather",
  email: "zebedee.quill@guest.example",
  canary: "canary-text-4f7be21",
};
const OTHER = { phone: "919812340022", text: "other guest keeps this" };
// A PNG signature and header, then a marker to look for after erasure.
const unsentPhoto = Buffer.concat([
  Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex"),
  Buffer.from("unsent-photo-canary-31d"),
]);
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("canary-photo-bytes-9c1")]);

let server: http.Server;
let base = "";
let t: WebhookTestApp;
let admin: Record<string, string>;
let contactId = 0;
let threadId = 0;
let propertyId = 0;

const inbound = (id: string, payload: object) => ({
  app: "DemoApp",
  timestamp: 1718003620228,
  version: 2,
  type: "message",
  payload: { id, source: GUEST.phone, ...payload, sender: { phone: GUEST.phone, name: GUEST.name } },
});

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/photo.jpg") return res.writeHead(200, { "content-type": "image/jpeg" }).end(photo);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
  t = await buildWebhookTestApp({ MEDIA_FETCH_ALLOW_PRIVATE: "true" });
  const ids = await createTestProperties(t, "ALPHA");
  propertyId = ids.ALPHA ?? 0;
  await t.database.db.update(properties).set({ isDefault: true }).where(eq(properties.id, propertyId));
  admin = await sessionHeaders(t, "ADMIN");

  await t.deliver(
    inbound("wamid.guest-text-1", { type: "text", payload: { text: `Hello ${GUEST.canary}` } }),
  );
  await t.deliver(
    inbound("wamid.guest-photo-1", {
      type: "image",
      payload: { caption: "my room", url: `${base}/photo.jpg`, contentType: "image/jpeg" },
    }),
  );
  const [contact] = await t.database.db.select().from(contacts).where(eq(contacts.phone, GUEST.phone));
  if (!contact) throw new Error("guest not recorded");
  contactId = contact.id;
  const [thread] = await t.database.db.select().from(threads).where(eq(threads.contactId, contactId));
  if (!thread) throw new Error("thread not created");
  threadId = thread.id;

  const send = async (method: "POST" | "PATCH" | "PUT", url: string, payload: object) => {
    const res = await t.app.inject({ method, url, payload, headers: admin });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res;
  };
  await send("PATCH", `/api/contacts/${contactId}`, { email: GUEST.email });
  await addDemoMessage(t.ctx(), {
    phone: GUEST.phone,
    channel: "WHATSAPP",
    direction: "OUTBOUND",
    status: "SENT",
    text: `Reply to ${GUEST.name}`,
    at: new Date(),
    providerMessageId: "gs-guest-out-1",
  });
  await t.deliver({
    app: "DemoApp",
    timestamp: 1718003630000,
    version: 2,
    type: "message-event",
    payload: {
      id: "wamid.guest-out-1",
      gsId: "gs-guest-out-1",
      type: "delivered",
      destination: GUEST.phone,
      payload: { ts: 1718003630 },
    },
  });
  await send("POST", "/api/calls", {
    phone: `+${GUEST.phone}`,
    direction: "INBOUND",
    status: "ANSWERED",
    durationSeconds: 42,
    startedAt: new Date().toISOString(),
    providerCallId: "call-guest-1",
  });
  await send("POST", "/api/emails", {
    from: GUEST.email,
    fromName: GUEST.name,
    to: "desk@alpha.example",
    subject: "Late arrival",
    body: `Email body ${GUEST.canary}`,
    direction: "INBOUND",
    sentAt: new Date().toISOString(),
    messageId: "<guest-mail-1@guest.example>",
  });
  await send("POST", `/api/threads/${threadId}/notes`, { body: `Note: ${GUEST.name} prefers a high floor` });
  await createBooking(t.database.db, {
    reference: "GUEST-BOOK-1",
    propertyId,
    contactId,
    guestName: GUEST.name,
    phone: GUEST.phone,
    email: GUEST.email,
    checkIn: "2030-01-01",
    checkOut: "2030-01-03",
  });
  await t.deliver({
    app: "DemoApp",
    timestamp: 1718003640000,
    version: 2,
    type: "user-event",
    payload: { phone: GUEST.phone, type: "opted-out" },
  });
  await addDemoMessage(t.ctx(), {
    phone: OTHER.phone,
    channel: "SMS",
    direction: "INBOUND",
    text: OTHER.text,
    at: new Date(),
  });
});
afterAll(async () => {
  await t?.close();
  server?.closeAllConnections();
  server?.close();
});

type ExportDoc = {
  contacts: Array<{ phone: string; name: string; email: string }>;
  consent: { current: { whatsappOptedOut: boolean }; history: Array<{ action: string }> };
  bookings: Array<{ reference: string }>;
  threads: Array<{ id: number; notes: Array<{ body: string }>; events: unknown[] }>;
  messages: Array<{
    message: string | null;
    mediaFile: string | null;
    statusHistory: Array<{ providerStatus: string }>;
  }>;
  calls: Array<{ providerCallId: string }>;
  emails: Array<{ body: string }>;
  audit: Array<{ action: string }>;
};

/** Every row of every table in the public schema, as text, that contains the needle. */
async function tablesMentioning(needle: string): Promise<string[]> {
  const tables = await queryRows<{ table_name: string }>(
    t.database.db,
    sql`select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  expect(tables.map((r) => r.table_name)).toEqual(
    expect.arrayContaining(["webhook_events", "jobs", "audit_logs"]),
  );
  const found: string[] = [];
  for (const { table_name } of tables) {
    const [row] = await queryRows<{ n: number | string }>(
      t.database.db,
      sql`select count(*) as n from ${sql.identifier(table_name)} r where strpos(lower(r::text), lower(${needle})) > 0`,
    );
    if (Number(row?.n) > 0) found.push(table_name);
  }
  return found;
}

describe("GET /api/contacts/:id/export", () => {
  it("is for admins only", async () => {
    const manager = await sessionHeaders(t, "MANAGER", ["ALPHA"]);
    const res = await t.app.inject({
      method: "GET",
      url: `/api/contacts/${contactId}/export`,
      headers: manager,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("FORBIDDEN");
    const missing = await t.app.inject({ method: "GET", url: "/api/contacts/999999/export", headers: admin });
    expect(missing.statusCode).toBe(404);
  });

  it("gives a zip with everything held about the guest, and audits it", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: `/api/contacts/${contactId}/export`,
      headers: admin,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    expect(res.headers["content-disposition"]).toContain("attachment");
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const json = files["contact.json"];
    if (!json) throw new Error("no contact.json in the zip");
    const doc = JSON.parse(Buffer.from(json).toString("utf8")) as ExportDoc;

    expect(doc.contacts[0]).toMatchObject({ phone: GUEST.phone, name: GUEST.name, email: GUEST.email });
    expect(doc.consent.current.whatsappOptedOut).toBe(true);
    expect(doc.consent.history.map((e) => e.action)).toContain("contact.opted_out");
    expect(doc.bookings.map((b) => b.reference)).toEqual(["GUEST-BOOK-1"]);
    expect(doc.threads.map((th) => th.id)).toEqual([threadId]);
    expect(doc.threads[0]?.notes[0]?.body).toContain("high floor");
    expect(doc.messages.map((m) => m.message)).toEqual(
      expect.arrayContaining([`Hello ${GUEST.canary}`, `Reply to ${GUEST.name}`]),
    );
    expect(doc.messages.flatMap((m) => m.statusHistory.map((s) => s.providerStatus))).toContain("delivered");
    expect(doc.calls.map((c) => c.providerCallId)).toEqual(["call-guest-1"]);
    expect(doc.emails[0]?.body).toContain(GUEST.canary);
    expect(doc.audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(["contact.updated", "contact.opted_out"]),
    );
    expect(JSON.stringify(doc)).not.toContain(OTHER.text);

    const withMedia = doc.messages.find((m) => m.mediaFile);
    const mediaName = withMedia?.mediaFile;
    if (!mediaName) throw new Error("the photo is not in the export");
    expect(Buffer.from(files[mediaName] ?? [])).toEqual(photo);

    const [entry] = await t.database.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.action, "contact.exported"));
    expect(entry).toMatchObject({ targetType: "contact", targetId: String(contactId), actorType: "STAFF" });
  });
});

describe("POST /api/contacts/:id/erase", () => {
  it("refuses without the confirmation word, and for non-admins", async () => {
    const url = `/api/contacts/${contactId}/erase`;
    const unconfirmed = await t.app.inject({
      method: "POST",
      url,
      headers: admin,
      payload: { confirm: "yes" },
    });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.code).toBe("VALIDATION_FAILED");
    const manager = await apiKeyHeaders(t, "MANAGER", ["ALPHA"]);
    const denied = await t.app.inject({
      method: "POST",
      url,
      headers: manager,
      payload: { confirm: "ERASE" },
    });
    expect(denied.statusCode).toBe(403);
    const [still] = await t.database.db.select().from(contacts).where(eq(contacts.id, contactId));
    expect(still?.phone).toBe(GUEST.phone);
  });

  it("leaves no phone, name, email, message text or media byte of the guest anywhere; counts stay", async () => {
    for (const needle of [GUEST.phone, GUEST.name, GUEST.email, GUEST.canary])
      expect(await tablesMentioning(needle), `before erasure: ${needle}`).not.toEqual([]);
    const mediaPaths = await t.database.db
      .select({ path: messageLogs.mediaStoragePath })
      .from(messageLogs)
      .where(eq(messageLogs.contactId, contactId));
    const stored = mediaPaths.flatMap((r) => (r.path ? [r.path] : []));
    expect(stored).toHaveLength(1);
    // What a colleague was writing to the guest: a draft, and a photo uploaded but not sent yet.
    const draft = await t.app.inject({
      method: "PUT",
      url: `/api/threads/${threadId}/drafts/WHATSAPP`,
      headers: admin,
      payload: { text: `Draft for ${GUEST.name} ${GUEST.canary}` },
    });
    expect(draft.statusCode, draft.body).toBeLessThan(300);
    const upload = await t.app.inject({
      method: "POST",
      url: `/api/threads/${threadId}/attachments?channel=WHATSAPP&filename=passport.png`,
      headers: { ...admin, "content-type": "image/png" },
      payload: unsentPhoto,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const [unsent] = await t.database.db.select({ key: outboundUploads.storageKey }).from(outboundUploads);
    expect(await readGuestMedia(t.deps.mediaStore, unsent?.key ?? "")).toBeDefined();
    const countBefore = await counts();

    const res = await t.app.inject({
      method: "POST",
      url: `/api/contacts/${contactId}/erase`,
      headers: admin,
      payload: { confirm: "ERASE" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().erased).toMatchObject({ contactId, threads: 1, messages: 3, mediaFiles: 2 });

    for (const needle of [
      GUEST.phone,
      GUEST.name,
      GUEST.email,
      GUEST.canary,
      "canary-photo-bytes",
      "unsent-photo-canary",
      "high floor",
    ])
      expect(await tablesMentioning(needle), `after erasure: ${needle}`).toEqual([]);
    expect(await readGuestMedia(t.deps.mediaStore, unsent?.key ?? "")).toBeUndefined();
    for (const path of stored) expect(await readGuestMedia(t.deps.mediaStore, path)).toBeUndefined();

    expect(await counts()).toEqual(countBefore);
    expect(await tablesMentioning(OTHER.text)).toEqual(expect.arrayContaining(["message_logs"]));
    const [entry] = await t.database.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.action, "contact.erased"));
    expect(entry).toMatchObject({ targetId: String(contactId), actorType: "STAFF" });

    // A redelivered callback is still recognised by its provider id: the guest is not recreated.
    await t.deliver(
      inbound("wamid.guest-text-1", { type: "text", payload: { text: `Hello ${GUEST.canary}` } }),
    );
    expect(await tablesMentioning(GUEST.canary)).toEqual([]);
  });
});

async function counts() {
  const [row] = await queryRows<Record<string, number | string>>(
    t.database.db,
    sql`select (select count(*) from threads where property_id = ${propertyId}) as threads,
      (select count(*) from message_logs) as messages,
      (select count(*) from message_logs where direction = 'INBOUND') as inbound,
      (select count(*) from call_logs) as calls, (select count(*) from email_messages) as emails`,
  );
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
}
