import type { Ctx } from "@server/context";
import { preparedQuery } from "@server/db/prepared-query";
import { contacts, csatSurveys, messageLogs, threadEvents, threads } from "@server/db/schema/index";
import { stashInTransaction, takeFromTransaction } from "@server/db/transaction-memo";
import { normalizeInternationalPhone } from "@server/domain/contacts/normalize-phone";
import { describeInboundContent } from "@server/domain/messages/describe-inbound-content";
import { STATUS_RANK } from "@server/domain/messages/message-status";
import { publishEvent } from "@server/domain/realtime/publish-event";
import { recordThreadEvent } from "@server/domain/threads/record-thread-event";
import { AppError } from "@server/errors";
import { presentMessage } from "@server/presenters/message";
import type { InboundMessageEvent } from "@server/providers/inbound-event";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { readCsatRating } from "./csat-survey-content";

/** A survey a guest's message may answer (a rating) or comment on: its thread still resolved as surveyed. */
const awaitingReply = and(
  inArray(csatSurveys.status, ["SENT", "ANSWERED"]),
  eq(threads.status, "RESOLVED"),
  eq(threads.resolvedAt, csatSurveys.resolvedAt),
);

/** A survey can be answered this long after it went out. */
const ANSWER_WINDOW_MS = 7 * 24 * 3600_000;
/** The guest's next text message this soon after rating is kept as the rating's comment. */
export const CSAT_COMMENT_WINDOW_MS = 10 * 60_000;

type Recorded = {
  outcome: "recorded";
  message: typeof messageLogs.$inferSelect;
  contactId: number;
  threadId: number;
};

/**
 * recordInboundMessage's hook: when a guest's message answers their latest survey (a rating 1–5, or
 * the comment that follows it), stores the message on the surveyed thread and the rating on the
 * survey, without reopening the resolved thread or starting a new one. Undefined for any other message.
 */
export async function recordCsatReply(
  ctx: Ctx,
  input: { event: InboundMessageEvent; webhookEventId?: number },
): Promise<Recorded | undefined> {
  const { event } = input;
  const at = event.timestamp ?? ctx.now();
  const phone = phoneOf(event.from);
  if (!phone) return undefined;
  // A batch that asked for all its guests at once (phonesAwaitingCsatReply) knows this one has none.
  if (takeFromTransaction<true>(ctx, NO_SURVEY_AWAITING, phone, { keep: true })) return undefined;
  // Looked up for every inbound message: built once per connection (db/prepared-query).
  const [latest] = await preparedQuery(ctx.db, "csat_survey_awaiting_reply", (db, name) =>
    db
      .select({ survey: csatSurveys })
      .from(csatSurveys)
      .innerJoin(contacts, eq(contacts.id, csatSurveys.contactId))
      .innerJoin(threads, eq(threads.id, csatSurveys.threadId))
      .where(
        and(
          eq(contacts.phone, sql.placeholder("phone")),
          awaitingReply,
          eq(csatSurveys.channel, sql.placeholder("channel")),
        ),
      )
      .orderBy(desc(csatSurveys.sentAt))
      .limit(1)
      .for("update", { of: csatSurveys })
      .prepare(name),
  ).execute({ phone, channel: event.channel });
  const survey = latest?.survey;
  if (!survey?.sentAt) return undefined;
  const rating = readCsatRating(event.content);
  const answering =
    survey.status === "SENT" &&
    rating !== undefined &&
    at.getTime() - survey.sentAt.getTime() < ANSWER_WINDOW_MS;
  const commenting =
    survey.status === "ANSWERED" &&
    survey.comment === null &&
    rating === undefined &&
    event.content.type === "text" &&
    event.content.text.trim() !== "" &&
    survey.ratedAt !== null &&
    at.getTime() - survey.ratedAt.getTime() < CSAT_COMMENT_WINDOW_MS;
  if (!answering && !commenting) return undefined;

  const message = await storeMessage(ctx, survey, { event, at, phone, webhookEventId: input.webhookEventId });
  if (answering) {
    await ctx.db
      .update(csatSurveys)
      .set({ status: "ANSWERED", rating, ratedAt: at })
      .where(eq(csatSurveys.id, survey.id));
    await recordThreadEvent(ctx, {
      threadId: survey.threadId,
      type: "csat_rated",
      data: { surveyId: survey.id, rating, comment: null },
      at,
    });
  } else {
    const comment = event.content.type === "text" ? event.content.text.trim().slice(0, 2000) : "";
    await ctx.db.update(csatSurveys).set({ comment }).where(eq(csatSurveys.id, survey.id));
    await ctx.db
      .update(threadEvents)
      .set({ data: sql`${threadEvents.data} || ${JSON.stringify({ comment })}::jsonb` })
      .where(
        and(
          eq(threadEvents.threadId, survey.threadId),
          eq(threadEvents.type, "csat_rated"),
          sql`${threadEvents.data}->>'surveyId' = ${String(survey.id)}`,
        ),
      );
  }
  return { outcome: "recorded", message, contactId: survey.contactId, threadId: survey.threadId };
}

/**
 * Notes, for the rest of the transaction, which of `phones` (normalized) have no survey that a message
 * could answer, so that recordCsatReply skips its lookup for them: a batch of many guests' messages
 * asks once. A survey sent meanwhile by another transaction is seen by the guest's next message.
 */
export async function notePhonesWithoutCsatSurvey(ctx: Ctx, phones: string[]): Promise<void> {
  if (phones.length === 0) return;
  const awaiting = await ctx.db
    .selectDistinct({ phone: contacts.phone })
    .from(csatSurveys)
    .innerJoin(contacts, eq(contacts.id, csatSurveys.contactId))
    .innerJoin(threads, eq(threads.id, csatSurveys.threadId))
    .where(and(inArray(contacts.phone, phones), awaitingReply));
  const withSurvey = new Set(awaiting.map((row) => row.phone));
  stashInTransaction(
    ctx,
    NO_SURVEY_AWAITING,
    phones.filter((phone) => !withSurvey.has(phone)).map((phone) => [phone, true] as const),
  );
}

const NO_SURVEY_AWAITING = "no-csat-survey-awaiting";

async function storeMessage(
  ctx: Ctx,
  survey: typeof csatSurveys.$inferSelect,
  input: { event: InboundMessageEvent; at: Date; phone: string; webhookEventId?: number },
) {
  const { event, at } = input;
  const content = describeInboundContent(event.content);
  const [message] = await ctx.db
    .insert(messageLogs)
    .values({
      contactId: survey.contactId,
      threadId: survey.threadId,
      channel: event.channel,
      direction: "INBOUND",
      status: "DELIVERED",
      statusRank: STATUS_RANK.delivered,
      providerStatus: "received",
      phone: input.phone,
      message: content.text,
      providerMessageId: event.providerMessageId ?? null,
      providerTimestamp: at,
      sentAt: at,
      deliveredAt: at,
      replyToProviderId: event.replyTo?.providerMessageId ?? event.replyTo?.whatsappMessageId ?? null,
      metadata: {
        content: event.content,
        senderName: event.senderName ?? null,
        receivingNumber: event.to ?? null,
        replyTo: event.replyTo ?? null,
        webhookEventId: input.webhookEventId ?? null,
        csatSurveyId: survey.id,
      },
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    })
    .returning();
  if (!message) throw new Error("survey reply insert returned nothing");
  // The guest wrote, so their window for free-form replies opens; the thread stays resolved and read.
  const window = event.channel === "WHATSAPP" ? { lastWhatsappInboundAt: at } : { lastSmsInboundAt: at };
  await ctx.db.update(threads).set(window).where(eq(threads.id, survey.threadId));
  await publishEvent(ctx, {
    type: "message.received",
    propertyId: survey.propertyId,
    threadId: survey.threadId,
    payload: presentMessage(message),
  });
  return message;
}

function phoneOf(from: string): string | undefined {
  try {
    return normalizeInternationalPhone(from);
  } catch (err) {
    if (err instanceof AppError) return undefined;
    throw err;
  }
}
