import type { Ctx } from "@server/context";
import { preparedQuery, preparedValue } from "@server/db/prepared-query";
import { messageLogs, sendAttempts, threads } from "@server/db/schema/index";
import { STATUS_RANK } from "@server/domain/messages/message-status";
import type { SendResult } from "@server/providers/channel-provider";
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { MessageRow } from "./send-message";

// The statements of one delivery attempt (deliverMessage), run for every send: built once per
// connection and run as named prepared statements (db/prepared-query).

/** The message, as it is now. */
export async function readMessage(ctx: Ctx, id: number): Promise<MessageRow | undefined> {
  const [row] = await preparedQuery(ctx.db, "message_by_id", (db, name) =>
    db
      .select()
      .from(messageLogs)
      .where(eq(messageLogs.id, sql.placeholder("id")))
      .prepare(name),
  ).execute({ id });
  return row;
}

/** The message, locked until the transaction ends. */
export async function lockMessage(ctx: Ctx, id: number): Promise<MessageRow | undefined> {
  const [row] = await preparedQuery(ctx.db, "message_by_id_for_update", (db, name) =>
    db
      .select()
      .from(messageLogs)
      .where(eq(messageLogs.id, sql.placeholder("id")))
      .for("update")
      .prepare(name),
  ).execute({ id });
  return row;
}

/** Marks the message SENDING with its attempt counted, and records the attempt's row; the updated message. */
export async function startAttempt(
  ctx: Ctx,
  messageId: number,
  attemptNo: number,
): Promise<MessageRow | undefined> {
  const [message] = await preparedQuery(ctx.db, "claim_send_attempt", (db, name) =>
    db
      .update(messageLogs)
      .set({
        sendState: "SENDING",
        attemptCount: preparedValue("attemptNo"),
        nextAttemptAt: null,
        updatedAt: preparedValue("now"),
      })
      .where(eq(messageLogs.id, sql.placeholder("id")))
      .returning()
      .prepare(name),
  ).execute({ id: messageId, attemptNo, now: ctx.now().toISOString() });
  await preparedQuery(ctx.db, "insert_send_attempt", (db, name) =>
    db
      .insert(sendAttempts)
      .values({
        messageId: sql.placeholder("messageId"),
        attemptNo: sql.placeholder("attemptNo"),
        startedAt: sql.placeholder("now"),
      })
      .prepare(name),
  ).execute({ messageId, attemptNo, now: ctx.now() });
  return message;
}

/** Records what the provider said to attempt `attemptNo`, and how long it took. */
export async function finishAttempt(
  ctx: Ctx,
  input: { messageId: number; attemptNo: number; result: SendResult; durationMs: number },
): Promise<void> {
  const { result } = input;
  await preparedQuery(ctx.db, "finish_send_attempt", (db, name) =>
    db
      .update(sendAttempts)
      .set({
        outcome: preparedValue("outcome"),
        httpStatus: preparedValue("httpStatus"),
        providerCode: preparedValue("providerCode"),
        error: preparedValue("error"),
        providerMessageId: preparedValue("providerMessageId"),
        durationMs: preparedValue("durationMs"),
        finishedAt: preparedValue("now"),
      })
      .where(
        and(
          eq(sendAttempts.messageId, sql.placeholder("messageId")),
          eq(sendAttempts.attemptNo, sql.placeholder("attemptNo")),
        ),
      )
      .prepare(name),
  ).execute({
    outcome: result.kind.toUpperCase(),
    httpStatus: "httpStatus" in result ? (result.httpStatus ?? null) : null,
    providerCode: "code" in result ? result.code : null,
    error: "reason" in result ? result.reason : null,
    providerMessageId: result.kind === "accepted" ? result.providerMessageId : null,
    durationMs: input.durationMs,
    now: ctx.now().toISOString(),
    messageId: input.messageId,
    attemptNo: input.attemptNo,
  });
}

/**
 * The message the provider accepted: SENT with its provider id, errors cleared. Returns the updated row
 * and its thread's property (for the inbox's event).
 */
export async function markAccepted(
  ctx: Ctx,
  messageId: number,
  accepted: { providerMessageId: string; providerStatus: string | undefined },
): Promise<(MessageRow & { propertyId: number | null }) | undefined> {
  const [row] = await preparedQuery(ctx.db, "mark_send_accepted", (db, name) =>
    db
      .update(messageLogs)
      .set({
        sendState: "ACCEPTED",
        providerMessageId: preparedValue("providerMessageId"),
        providerStatus: preparedValue("providerStatus"),
        status: "SENT",
        statusRank: STATUS_RANK.accepted,
        sentAt: preparedValue("now"),
        errorCode: null,
        errorMessage: null,
        providerErrorCode: null,
        providerErrorText: null,
        updatedAt: preparedValue("now"),
      })
      .where(eq(messageLogs.id, sql.placeholder("id")))
      .returning({
        ...getTableColumns(messageLogs),
        propertyId: sql<
          number | null
        >`(select ${threads.propertyId} from ${threads} where ${threads.id} = ${messageLogs.threadId})`,
      })
      .prepare(name),
  ).execute({
    id: messageId,
    providerMessageId: accepted.providerMessageId,
    providerStatus: accepted.providerStatus ?? null,
    now: ctx.now().toISOString(),
  });
  return row;
}
