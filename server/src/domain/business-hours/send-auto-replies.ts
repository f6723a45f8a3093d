import { whatsappWindow } from "@contract/whatsapp-window";
import type { Ctx } from "@server/context";
import { lockAdvisory } from "@server/db/advisory-lock";
import { autoReplySends, contacts, messageLogs, templates, threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { consentKeyword } from "@server/domain/contacts/consent-keyword";
import { sendMessage } from "@server/domain/outbound/send-message";
import { AppError } from "@server/errors";
import { and, asc, eq, gt, lt, max } from "drizzle-orm";
import { type AutoReplySettings, loadAutoReplySettings } from "./get-auto-reply-settings";
import { getBusinessHours } from "./get-business-hours";
import { isOpenAt } from "./working-time";

export type AutoReplyOutcome =
  | "sent"
  | "off"
  | "open"
  | "too_soon"
  | "not_first_message"
  | "opted_out"
  | "no_template"
  | "already_handled"
  | "failed";

type Inbound = {
  id: number;
  contactId: number;
  threadId: number;
  propertyId: number;
  channel: "WHATSAPP" | "SMS";
  text: string | null;
};

/**
 * The property's automatic answers to one guest message, sent as the hub (the thread shows them as
 * automatic): the greeting when it is the guest's first message ever, and the out-of-hours reply when
 * the property is closed now and the conversation had none within the property's interval. Never to an
 * opted-out guest; on WhatsApp free text only inside the 24-hour window, the configured template outside
 * it (none configured: skipped). Safe to run twice for one message.
 */
export async function sendAutoReplies(
  ctx: Ctx,
  input: { messageId: number },
): Promise<{ greeting: AutoReplyOutcome; outOfHours: AutoReplyOutcome }> {
  const inbound = await loadInbound(ctx, input.messageId);
  if (!inbound) return { greeting: "off", outOfHours: "off" };
  const settings = await loadAutoReplySettings(ctx.db, inbound.propertyId);
  if (!settings.greetingEnabled && !settings.outOfHoursEnabled) return { greeting: "off", outOfHours: "off" };

  return withTransaction(ctx, async (tx) => {
    // The lock every send and inbound message of this guest takes: replies to two quick messages queue here.
    await lockAdvisory(tx, "contact", inbound.contactId);
    const [contact] = await tx.db.select().from(contacts).where(eq(contacts.id, inbound.contactId));
    const optedOut = inbound.channel === "WHATSAPP" ? contact?.whatsappOptedOut : contact?.smsOptedOut;
    if (!contact || optedOut || consentKeyword(inbound.text))
      return { greeting: "opted_out" as const, outOfHours: "opted_out" as const };
    const [handled] = await tx.db
      .select({ id: autoReplySends.id })
      .from(autoReplySends)
      .where(eq(autoReplySends.inboundMessageId, inbound.id))
      .limit(1);
    if (handled) return { greeting: "already_handled" as const, outOfHours: "already_handled" as const };
    const windowOpen = inbound.channel === "SMS" || (await whatsappWindowOpen(tx, inbound.contactId));
    const greeting = await greet(tx, inbound, settings, windowOpen);
    const outOfHours = await replyOutOfHours(tx, inbound, settings, windowOpen);
    return { greeting, outOfHours };
  });
}

async function greet(
  ctx: Ctx,
  inbound: Inbound,
  settings: AutoReplySettings,
  windowOpen: boolean,
): Promise<AutoReplyOutcome> {
  if (!settings.greetingEnabled) return "off";
  const [earlier] = await ctx.db
    .select({ id: messageLogs.id })
    .from(messageLogs)
    .where(
      and(
        eq(messageLogs.contactId, inbound.contactId),
        eq(messageLogs.direction, "INBOUND"),
        lt(messageLogs.id, inbound.id),
      ),
    )
    .limit(1);
  const [greeted] = await ctx.db
    .select({ id: autoReplySends.id })
    .from(autoReplySends)
    .where(and(eq(autoReplySends.contactId, inbound.contactId), eq(autoReplySends.kind, "GREETING")));
  if (earlier || greeted) return "not_first_message";
  if (!windowOpen) return "no_template";
  return send(ctx, inbound, "GREETING", { message: settings.greetingText });
}

async function replyOutOfHours(
  ctx: Ctx,
  inbound: Inbound,
  settings: AutoReplySettings,
  windowOpen: boolean,
): Promise<AutoReplyOutcome> {
  if (!settings.outOfHoursEnabled) return "off";
  if (isOpenAt(await getBusinessHours(ctx.db, inbound.propertyId), ctx.now())) return "open";
  const since = new Date(ctx.now().getTime() - settings.minIntervalMinutes * 60_000);
  const [recent] = await ctx.db
    .select({ id: autoReplySends.id })
    .from(autoReplySends)
    .where(
      and(
        eq(autoReplySends.threadId, inbound.threadId),
        eq(autoReplySends.kind, "OUT_OF_HOURS"),
        gt(autoReplySends.createdAt, since),
      ),
    )
    .limit(1);
  if (recent) return "too_soon";
  if (windowOpen && settings.outOfHoursText)
    return send(ctx, inbound, "OUT_OF_HOURS", { message: settings.outOfHoursText });
  const templateId =
    settings.outOfHoursTemplateName && (await approvedTemplateId(ctx, settings.outOfHoursTemplateName));
  if (inbound.channel !== "WHATSAPP" || !templateId) return "no_template";
  return send(ctx, inbound, "OUT_OF_HOURS", {
    templateId,
    templateParams: settings.outOfHoursTemplateParams,
  });
}

async function send(
  ctx: Ctx,
  inbound: Inbound,
  kind: "GREETING" | "OUT_OF_HOURS",
  content: { message: string } | { templateId: number; templateParams: string[] },
): Promise<AutoReplyOutcome> {
  const [before] = await ctx.db
    .select({ firstResponseAt: threads.firstResponseAt })
    .from(threads)
    .where(eq(threads.id, inbound.threadId));
  let messageId: number | null = null;
  try {
    const { message } = await sendMessage(ctx, {
      threadId: inbound.threadId,
      channel: inbound.channel,
      ...content,
    });
    messageId = message.id;
  } catch (err) {
    // A refusal (sending switched off, a template no longer approved) is recorded, not retried.
    if (!(err instanceof AppError)) throw err;
    ctx.log.warn({ err, threadId: inbound.threadId, kind }, "automatic reply not sent");
  }
  // An automatic reply is not staff answering the guest: the first-response time stays unset.
  if (before && before.firstResponseAt === null && messageId !== null)
    await ctx.db.update(threads).set({ firstResponseAt: null }).where(eq(threads.id, inbound.threadId));
  await ctx.db.insert(autoReplySends).values({
    kind,
    propertyId: inbound.propertyId,
    threadId: inbound.threadId,
    contactId: inbound.contactId,
    inboundMessageId: inbound.id,
    messageId,
    createdAt: ctx.now(),
  });
  return messageId === null ? "failed" : "sent";
}

async function loadInbound(ctx: Ctx, messageId: number): Promise<Inbound | undefined> {
  const [row] = await ctx.db
    .select({
      id: messageLogs.id,
      contactId: messageLogs.contactId,
      threadId: messageLogs.threadId,
      direction: messageLogs.direction,
      channel: messageLogs.channel,
      text: messageLogs.message,
      propertyId: threads.propertyId,
    })
    .from(messageLogs)
    .innerJoin(threads, eq(threads.id, messageLogs.threadId))
    .where(eq(messageLogs.id, messageId));
  if (row?.direction !== "INBOUND" || row.contactId === null || row.threadId === null) return undefined;
  if (row.propertyId === null || (row.channel !== "WHATSAPP" && row.channel !== "SMS")) return undefined;
  return {
    ...row,
    contactId: row.contactId,
    threadId: row.threadId,
    propertyId: row.propertyId,
    channel: row.channel,
  };
}

/** The same test the send makes: the guest's latest WhatsApp message in any of their threads. */
async function whatsappWindowOpen(ctx: Ctx, contactId: number): Promise<boolean> {
  const [latest] = await ctx.db
    .select({ at: max(threads.lastWhatsappInboundAt) })
    .from(threads)
    .where(eq(threads.contactId, contactId));
  return whatsappWindow(latest?.at ? new Date(latest.at) : null, ctx.now()).open;
}

async function approvedTemplateId(ctx: Ctx, name: string): Promise<number | undefined> {
  const [template] = await ctx.db
    .select({ id: templates.id })
    .from(templates)
    .where(and(eq(templates.name, name), eq(templates.status, "APPROVED"), eq(templates.channel, "WHATSAPP")))
    .orderBy(asc(templates.id))
    .limit(1);
  return template?.id;
}
