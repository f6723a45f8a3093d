import { whatsappWindow } from "@contract/whatsapp-window";
import type { Ctx } from "@server/context";
import { contacts, csatSurveys, properties, templates, threads } from "@server/db/schema/index";
import { withTransaction } from "@server/db/transaction";
import { sendMessage } from "@server/domain/outbound/send-message";
import { getThread } from "@server/domain/threads/get-thread";
import { recordThreadEvent } from "@server/domain/threads/record-thread-event";
import { AppError } from "@server/errors";
import { and, desc, eq, max, sql } from "drizzle-orm";
import { findCsatSettings } from "./csat-settings";
import { csatSurveyList, smsSurveyText } from "./csat-survey-content";

export type SendCsatSurveyOutcome =
  | { outcome: "sent"; messageId: number; kind: "interactive" | "template" | "sms" }
  | { outcome: "skipped"; reason: string }
  | { outcome: "done" };

type Plan =
  | { send: Parameters<typeof sendMessage>[1]; kind: "interactive" | "template" | "sms" }
  | { skip: string };

/**
 * The delayed job's verb: sends a booked survey once, on the channel the guest last wrote on — a
 * WhatsApp list inside the 24-hour window, the property's template outside it, "reply 1–5" by SMS —
 * or records why not (the thread reopened or was resolved again, the guest opted out, no template…).
 */
export async function sendCsatSurvey(ctx: Ctx, input: { surveyId: number }): Promise<SendCsatSurveyOutcome> {
  return withTransaction(ctx, async (tx) => {
    const [survey] = await tx.db
      .select()
      .from(csatSurveys)
      .where(eq(csatSurveys.id, input.surveyId))
      .for("update");
    if (survey?.status !== "SCHEDULED") return { outcome: "done" };
    const plan = await planSurvey(tx, survey);
    if ("skip" in plan) return skip(tx, survey, plan.skip);
    let messageId: number;
    try {
      messageId = (await sendMessage(tx, plan.send)).message.id;
    } catch (err) {
      // Refusals are decided before sendMessage writes anything, so the transaction is still usable.
      if (err instanceof AppError) return skip(tx, survey, err.code.toLowerCase());
      throw err;
    }
    const channel = plan.send.channel as "WHATSAPP" | "SMS";
    await tx.db
      .update(csatSurveys)
      .set({ status: "SENT", channel, kind: plan.kind, messageId, sentAt: tx.now() })
      .where(eq(csatSurveys.id, survey.id));
    await recordThreadEvent(tx, {
      threadId: survey.threadId,
      type: "csat_survey_sent",
      data: { surveyId: survey.id, channel, kind: plan.kind },
    });
    return { outcome: "sent", messageId, kind: plan.kind };
  });
}

async function planSurvey(ctx: Ctx, survey: typeof csatSurveys.$inferSelect): Promise<Plan> {
  const thread = await getThread(ctx, survey.threadId);
  if (thread.status !== "RESOLVED" || thread.resolvedAt?.getTime() !== survey.resolvedAt.getTime())
    return { skip: "reopened" };
  const channel = thread.lastInboundChannel;
  if (channel !== "WHATSAPP" && channel !== "SMS") return { skip: "no_channel" };
  const [contact] = await ctx.db.select().from(contacts).where(eq(contacts.id, thread.contactId));
  if (!contact || (channel === "WHATSAPP" ? contact.whatsappOptedOut : contact.smsOptedOut))
    return { skip: "opted_out" };
  const settings = await findCsatSettings(ctx, survey.propertyId ?? 0);
  const base = { threadId: thread.id, channel, idempotencyKey: `csat-survey-${survey.id}` };
  if (channel === "SMS")
    return { send: { ...base, message: smsSurveyText(settings.surveyText) }, kind: "sms" };
  const [latest] = await ctx.db
    .select({ at: max(threads.lastWhatsappInboundAt) })
    .from(threads)
    .where(eq(threads.contactId, thread.contactId));
  const windowStart = latest?.at ? new Date(latest.at) : null;
  if (whatsappWindow(windowStart, ctx.now()).open)
    return {
      send: { ...base, message: settings.surveyText, interactive: csatSurveyList(settings.surveyText) },
      kind: "interactive",
    };
  if (!settings.templateName) return { skip: "no_template" };
  const [template] = await ctx.db
    .select({ id: templates.id, paramCount: templates.paramCount })
    .from(templates)
    .where(and(eq(templates.name, settings.templateName), sql`upper(${templates.status}) = 'APPROVED'`))
    .orderBy(desc(templates.id))
    .limit(1);
  if (!template) return { skip: "template_not_found" };
  const [property] = await ctx.db
    .select({ name: properties.name })
    .from(properties)
    .where(eq(properties.id, survey.propertyId ?? 0));
  // A survey template's {{1}} greets the guest; any further placeholder names the hotel.
  const params = Array.from({ length: template.paramCount }, (_, i) =>
    i === 0 ? contact.name?.trim() || "Guest" : (property?.name ?? "us"),
  );
  return { send: { ...base, templateId: template.id, templateParams: params }, kind: "template" };
}

async function skip(
  ctx: Ctx,
  survey: typeof csatSurveys.$inferSelect,
  reason: string,
): Promise<SendCsatSurveyOutcome> {
  await ctx.db
    .update(csatSurveys)
    .set({ status: "SKIPPED", skipReason: reason })
    .where(eq(csatSurveys.id, survey.id));
  await recordThreadEvent(ctx, {
    threadId: survey.threadId,
    type: "csat_survey_skipped",
    data: { surveyId: survey.id, reason },
  });
  return { outcome: "skipped", reason };
}
