import type { Ctx } from "@server/context";
import {
  bookings,
  cannedReplies,
  messageLogs,
  properties,
  staffUsers,
  threadNotes,
} from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { upsertBooking } from "@server/domain/bookings/upsert-booking";
import { recordCall } from "@server/domain/calls/record-call";
import { saveCannedReply } from "@server/domain/canned-replies/save-canned-reply";
import { recordEmail } from "@server/domain/emails/record-email";
import { saveProperty } from "@server/domain/properties/save-property";
import { generatePassword } from "@server/domain/staff/password-policy";
import { saveStaff } from "@server/domain/staff/save-staff";
import { setStaffPassword } from "@server/domain/staff/set-staff-password";
import { addThreadNote } from "@server/domain/threads/add-thread-note";
import { linkThread } from "@server/domain/threads/link-thread";
import { setThreadStatus } from "@server/domain/threads/set-thread-status";
import { and, eq, isNull } from "drizzle-orm";
import { addDemoMessage } from "./add-demo-message";
import {
  DEMO_CANNED_REPLIES,
  DEMO_CONVERSATIONS,
  DEMO_PROPERTIES,
  DEMO_STAFF,
  type DemoStep,
  demoGuest,
} from "./demo-fixtures";

const DEMO_GUESTS = 30;

/** A demo staff account created by this run, with the random password to print once. */
export type DemoAccount = { email: string; role: string; password: string };

/**
 * Creates the demo chain: 2 properties (one default), 5 staff, 4 canned replies, 30 guests with past, current and
 * upcoming bookings, and a few conversations across WhatsApp, SMS, calls and email with notes.
 * Idempotent: everything is keyed (codes, emails, references, provider ids), so a second run adds
 * nothing. Conversation times are relative to now.
 */
export async function seedDemo(ctx: Ctx): Promise<{ steps: number; accounts: DemoAccount[] }> {
  // One transaction: all or nothing, and far fewer commits (each one a disk flush on embedded PGlite).
  return withTransaction(ctx, seedDemoInTransaction);
}

async function seedDemoInTransaction(ctx: Ctx): Promise<{ steps: number; accounts: DemoAccount[] }> {
  const propertyIds = new Map<string, number>();
  for (const p of DEMO_PROPERTIES) {
    const [found] = await ctx.db.select().from(properties).where(eq(properties.code, p.code));
    propertyIds.set(p.code, (found ?? (await saveProperty(ctx, { values: { ...p } }))).id);
  }
  let adminId = 0;
  const accounts: DemoAccount[] = [];
  for (const s of DEMO_STAFF) {
    const [found] = await ctx.db.select().from(staffUsers).where(eq(staffUsers.email, s.email));
    const ids = s.properties.map((code) => propertyIds.get(code) ?? 0);
    const staff =
      found ??
      (await saveStaff(ctx, { values: { email: s.email, name: s.name, role: s.role, propertyIds: ids } }));
    if (!found) {
      // Never a known password: a demo database restarted against the real Gupshup must not open
      // to a password published in code or docs. Marked, so that start can refuse while it stands.
      const password = generatePassword();
      await setStaffPassword(ctx, { email: s.email, password });
      await ctx.db.update(staffUsers).set({ hasDemoPassword: true }).where(eq(staffUsers.id, staff.id));
      accounts.push({ email: s.email, role: s.role, password });
    }
    if (s.role === "ADMIN") adminId = staff.id;
  }
  const now = ctx.now();
  for (let i = 0; i < DEMO_GUESTS; i++) {
    const { reference, ...booking } = demoGuest(i, now);
    const [found] = await ctx.db.select().from(bookings).where(eq(bookings.reference, reference));
    if (!found) await upsertBooking(ctx, reference, booking);
  }
  for (const { property, ...reply } of DEMO_CANNED_REPLIES) {
    const propertyId = property ? (propertyIds.get(property) ?? null) : null;
    const [found] = await ctx.db
      .select({ id: cannedReplies.id })
      .from(cannedReplies)
      .where(
        and(
          eq(cannedReplies.shortcut, reply.shortcut),
          propertyId ? eq(cannedReplies.propertyId, propertyId) : isNull(cannedReplies.propertyId),
        ),
      );
    if (!found) await saveCannedReply(ctx, { values: { ...reply, propertyId } });
  }
  const staffCtx: Ctx = {
    ...ctx,
    actor: { type: "staff", staffUserId: adminId, role: "ADMIN", propertyIds: "all" },
  };
  let steps = 0;
  for (const [index, step] of DEMO_CONVERSATIONS.entries()) {
    if (await playStep(ctx, staffCtx, step, index, now)) steps++;
  }
  return { steps, accounts };
}

async function playStep(ctx: Ctx, staffCtx: Ctx, step: DemoStep, index: number, now: Date): Promise<boolean> {
  const guest = demoGuest(step.guest, now);
  const at = "minutesAgo" in step ? new Date(now.getTime() - step.minutesAgo * 60_000) : now;
  if (step.kind === "message") {
    const key = `demo-msg-${index}`;
    const [done] = await ctx.db
      .select({ id: messageLogs.id })
      .from(messageLogs)
      .where(eq(messageLogs.providerMessageId, key));
    if (done) return false;
    await addDemoMessage(ctx, {
      ...step,
      phone: guest.phone,
      at,
      providerMessageId: key,
      name: guest.guestName,
    });
    return true;
  }
  if (step.kind === "call") {
    const { duplicate } = await recordCall(ctx, {
      ...step,
      phone: guest.phone,
      startedAt: at,
      providerCallId: `demo-call-${index}`,
    });
    return !duplicate;
  }
  if (step.kind === "email") {
    const guestEmail = guest.email;
    const desk = "desk@podandbeyond.example";
    const inbound = step.direction === "INBOUND";
    const { duplicate } = await recordEmail(ctx, {
      from: inbound ? guestEmail : desk,
      to: inbound ? desk : guestEmail,
      fromName: inbound ? guest.guestName : undefined,
      subject: step.subject,
      body: step.body,
      direction: step.direction,
      sentAt: at,
      messageId: `<demo-${index}@commhub.example>`,
    });
    return !duplicate;
  }
  const { thread } = await linkThread(ctx, {
    phone: guest.phone,
    channel: "WHATSAPP",
    direction: "OUTBOUND",
    at: now,
  });
  if (step.kind === "resolve") {
    if (thread.status === "RESOLVED") return false;
    await setThreadStatus(ctx, { threadId: thread.id, status: "RESOLVED" });
    return true;
  }
  const [done] = await ctx.db
    .select({ id: threadNotes.id })
    .from(threadNotes)
    .where(and(eq(threadNotes.threadId, thread.id), eq(threadNotes.body, step.text)));
  if (done) return false;
  await addThreadNote(staffCtx, { threadId: thread.id, body: step.text });
  return true;
}
