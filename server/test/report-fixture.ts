import type { Db } from "@server/db/client";
import { contacts, messageLogs, threads } from "@server/db/schema/index";
import { createProperty, createStaff, uniquePhone } from "./factories";

// A known dataset for the reports (issue 18), with the expected figures worked out by hand in
// server/src/domain/reports/reports.test.ts. GOA is in Asia/Kolkata (+05:30), NYC in America/New_York
// (-05:00 in November 2026, after DST ended on 1 November). The range is 2026-11-02 (a Monday) to 2026-11-03.

type Out = {
  status: "PENDING" | "SENT" | "DELIVERED" | "READ" | "FAILED";
  providerErrorCode?: string;
  errorCode?: string;
};
type Spec = {
  property: "GOA" | "NYC";
  createdAt: string;
  channel: "WHATSAPP" | "SMS";
  /** Who wrote first: the guest (inbound), or staff (outbound, with its outcome). */
  first: "INBOUND" | Out;
  /** Seconds from creation to the first reply, and the reply's outcome. */
  reply?: { after: number } & Out;
  assignee?: "asha" | "bala";
  /** Seconds from creation to resolution (the thread is RESOLVED). */
  resolvedAfter?: number;
};

export const REPORT_RANGE = { from: "2026-11-02", to: "2026-11-03" };

const SPECS: Record<string, Spec> = {
  G1: {
    property: "GOA",
    createdAt: "2026-11-02T04:00:00Z",
    channel: "WHATSAPP",
    first: "INBOUND",
    reply: { after: 60, status: "READ" },
    assignee: "asha",
    resolvedAfter: 3600,
  },
  G2: {
    property: "GOA",
    createdAt: "2026-11-02T10:00:00Z",
    channel: "WHATSAPP",
    first: "INBOUND",
    reply: { after: 120, status: "DELIVERED" },
    assignee: "asha",
    resolvedAfter: 7200,
  },
  G3: {
    property: "GOA",
    createdAt: "2026-11-03T08:00:00Z",
    channel: "SMS",
    first: "INBOUND",
    reply: { after: 300, status: "DELIVERED" },
    assignee: "bala",
  },
  G4: {
    property: "GOA",
    createdAt: "2026-11-03T12:00:00Z",
    channel: "WHATSAPP",
    first: "INBOUND",
    reply: { after: 600, status: "FAILED", providerErrorCode: "131047", errorCode: "WINDOW_CLOSED" },
    assignee: "bala",
    resolvedAfter: 10800,
  },
  // Staff wrote first: not a first response to a guest.
  G5: {
    property: "GOA",
    createdAt: "2026-11-02T06:00:00Z",
    channel: "WHATSAPP",
    first: { status: "FAILED", providerErrorCode: "1002", errorCode: "NOT_ON_WHATSAPP" },
  },
  // 2026-11-02 00:30 in Goa although 1 November in UTC.
  G6: {
    property: "GOA",
    createdAt: "2026-11-01T19:00:00Z",
    channel: "WHATSAPP",
    first: "INBOUND",
    reply: { after: 1000, status: "FAILED", providerErrorCode: "131047", errorCode: "WINDOW_CLOSED" },
  },
  // 2026-11-04 00:30 in Goa: outside the range although 3 November in UTC.
  G7: {
    property: "GOA",
    createdAt: "2026-11-03T19:00:00Z",
    channel: "WHATSAPP",
    first: "INBOUND",
    reply: { after: 50, status: "FAILED", providerErrorCode: "999" },
    assignee: "asha",
    resolvedAfter: 100,
  },
  // Opened before the range, resolved inside it.
  G8: {
    property: "GOA",
    createdAt: "2026-11-01T00:00:00Z",
    channel: "WHATSAPP",
    first: "INBOUND",
    assignee: "bala",
    resolvedAfter: 86400,
  },
  // 2026-11-02 22:00 in New York (Tuesday 03:00 in UTC).
  N1: {
    property: "NYC",
    createdAt: "2026-11-03T03:00:00Z",
    channel: "WHATSAPP",
    first: "INBOUND",
    reply: { after: 240, status: "SENT" },
    assignee: "asha",
    resolvedAfter: 1800,
  },
  // 2026-11-03 23:00 in New York.
  N2: {
    property: "NYC",
    createdAt: "2026-11-04T04:00:00Z",
    channel: "SMS",
    first: "INBOUND",
    reply: { after: 480, status: "PENDING" },
    assignee: "bala",
  },
};

export type ReportFixture = {
  properties: { GOA: number; NYC: number };
  staff: { asha: number; bala: number };
};

/** Inserts the dataset with explicit timestamps (the verbs would stamp "now"). */
export async function seedReportFixture(db: Db): Promise<ReportFixture> {
  const goa = await createProperty(db, { code: "RGOA", name: "Goa Beach", timezone: "Asia/Kolkata" });
  const nyc = await createProperty(db, {
    code: "RNYC",
    name: "New York Midtown",
    timezone: "America/New_York",
  });
  const asha = await createStaff(db, [goa.id, nyc.id], { name: "Asha Agent", role: "AGENT" });
  const bala = await createStaff(db, [goa.id, nyc.id], { name: "Bala Agent", role: "AGENT" });
  const ids = { GOA: goa.id, NYC: nyc.id };
  const staff = { asha: asha.id, bala: bala.id };
  for (const [label, spec] of Object.entries(SPECS)) {
    const phone = uniquePhone();
    const [contact] = await db
      .insert(contacts)
      .values({ phone, name: `Guest ${label}` })
      .returning();
    if (!contact) throw new Error("contact insert returned nothing");
    const created = new Date(spec.createdAt);
    const plus = (seconds: number) => new Date(created.getTime() + seconds * 1000);
    const firstResponseAt = spec.first === "INBOUND" ? (spec.reply ? plus(spec.reply.after) : null) : created;
    const [thread] = await db
      .insert(threads)
      .values({
        contactId: contact.id,
        propertyId: ids[spec.property],
        status: spec.resolvedAfter !== undefined ? "RESOLVED" : "OPEN",
        assigneeId: spec.assignee ? staff[spec.assignee] : null,
        createdAt: created,
        lastMessageAt: created,
        firstResponseAt,
        resolvedAt: spec.resolvedAfter !== undefined ? plus(spec.resolvedAfter) : null,
      })
      .returning();
    if (!thread) throw new Error("thread insert returned nothing");
    const message = (direction: "INBOUND" | "OUTBOUND", at: Date, out?: Out) => ({
      contactId: contact.id,
      threadId: thread.id,
      channel: spec.channel,
      direction,
      status: out?.status ?? ("DELIVERED" as const),
      phone,
      message: `${label} ${direction}`,
      providerErrorCode: out?.providerErrorCode ?? null,
      errorCode: out?.errorCode ?? null,
      providerErrorText: out?.providerErrorCode ? `provider said ${out.providerErrorCode}` : null,
      createdAt: at,
    });
    const rows = [
      spec.first === "INBOUND" ? message("INBOUND", created) : message("OUTBOUND", created, spec.first),
    ];
    if (spec.reply) rows.push(message("OUTBOUND", plus(spec.reply.after), spec.reply));
    await db.insert(messageLogs).values(rows);
  }
  return { properties: ids, staff };
}
